using Autoencoders.Evaluation;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Native;

namespace Autoencoders.Cli.Commands;

/// <summary>The content of <c>metrics.json</c>, written by the evaluate verb (schema documented in the README).</summary>
internal sealed record EvaluationDocument(
    int SchemaVersion,
    string Dataset,
    string Checkpoint,
    string Model,
    int LatentSize,
    long TestSamples,
    ReconstructionMetrics Test,
    IReadOnlyList<ClassError> PerClass,
    IReadOnlyList<SampleError> Best,
    IReadOnlyList<SampleError> Worst,
    PcaBaseline Pca,
    NeighbourAccuracy? Knn,
    LatentView LatentView,
    AnomalyResult? Anomaly,
    IReadOnlyList<string> Figures,
    RunEnvironment Environment,
    RunEnvironment? TrainingEnvironment)
{
    public const int CurrentSchemaVersion = 1;
}

/// <summary>PCA with as many components as the code, fitted on the training split, on the test split.</summary>
internal sealed record PcaBaseline(int Components, double Mse, double Psnr);

/// <summary>k-nearest-neighbour accuracy on the test split with training samples as references, in three spaces.</summary>
internal sealed record NeighbourAccuracy(int K, double Latent, double Pca, double Raw);

/// <summary>The 2-D view of the test codes and how faithful it is (trustworthiness against the codes).</summary>
internal sealed record LatentView(string Method, long Samples, double Trustworthiness);

/// <summary>Anomaly detection with one class as the anomaly.</summary>
internal sealed record AnomalyResult(long AnomalyClass, string AnomalyClassName, AnomalyReport Report);
