using System.Text.Json;
using System.Text.Json.Serialization;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.IO;
using Autoencoders.Models;
using Autoencoders.Native;
using Autoencoders.Training;

namespace Autoencoders.Pipeline;

/// <summary>
/// The content of <c>anomaly-benchmark.json</c>: every method's ROC AUC and average precision over the runs of one
/// protocol (mean and sample standard deviation), F1 at each threshold rule, the per-split values, the worst test rows
/// explained, the settings and the environment. Plain data (no infinities or NaN).
/// </summary>
/// <param name="SchemaVersion">Version of this layout.</param>
/// <param name="Protocol"><c>random-splits</c> (PyOD's benchmark protocol) or <c>one-class</c>.</param>
/// <param name="Dataset">The data set's name (the file name without extension).</param>
/// <param name="Methods">One summary per method, the autoencoder first.</param>
/// <param name="PerClass">The one-class protocol's results per normal class; null for the random-splits protocol.</param>
/// <param name="Splits">Each run's split and every method's values on it.</param>
/// <param name="Explanations">The autoencoder's highest-scoring test rows of the first split, each with its worst-reconstructed columns.</param>
/// <param name="Settings">What was run, so the numbers can be reproduced.</param>
/// <param name="Environment">Versions, threads and CPU of the run.</param>
public sealed record AnomalyBenchmarkReport(
    int SchemaVersion,
    string Protocol,
    string Dataset,
    IReadOnlyList<BenchmarkMethod> Methods,
    IReadOnlyList<BenchmarkClass>? PerClass,
    IReadOnlyList<BenchmarkSplit> Splits,
    IReadOnlyList<ExplainedRow> Explanations,
    BenchmarkSettings Settings,
    RunEnvironment Environment)
{
    /// <summary>The layout version this library writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The usual file name.</summary>
    public const string FileName = "anomaly-benchmark.json";

    /// <summary>The usual file name of the page.</summary>
    public const string PageFileName = "anomaly-benchmark.html";

    private static readonly JsonSerializerOptions JsonOptions = new(Checkpoints.Checkpoint.JsonOptions)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // Rule names such as "mean+3σ" stay readable; the file is data, never embedded in a page.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The ROC and precision–recall curves of each method on the first split (for the page; not in the JSON).</summary>
    [JsonIgnore]
    public IReadOnlyList<BenchmarkCurves> Curves { get; init; } = [];

    /// <summary>The summary of the method named <paramref name="name"/> (e.g. <c>autoencoder</c>, <c>pca-pyod</c>).</summary>
    public BenchmarkMethod Method(string name) => Methods.First(method => method.Name == name);

    /// <summary>Writes the report as indented JSON (camelCase names), atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());

    /// <summary>The JSON that <see cref="Save"/> writes.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

/// <summary>A mean and the sample standard deviation (divisor n − 1; 0 for a single value) of one metric over runs.</summary>
/// <param name="Mean">The mean.</param>
/// <param name="Sd">The sample standard deviation.</param>
public sealed record MeanAndSd(double Mean, double Sd)
{
    /// <summary>Summarises <paramref name="values"/>, at least one.</summary>
    public static MeanAndSd Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("no values to summarise", nameof(values));
        }

        var mean = values.Average();
        var sd = values.Count < 2 ? 0 : Math.Sqrt(values.Sum(value => (value - mean) * (value - mean)) / (values.Count - 1));
        return new MeanAndSd(mean, sd);
    }
}

/// <summary>One method over all runs.</summary>
/// <param name="Name"><c>autoencoder</c>, <c>pca</c>, <c>pca-pyod</c> or <c>knn</c>.</param>
/// <param name="Description">What exactly it is, in a line.</param>
/// <param name="RocAuc">ROC AUC on the test parts.</param>
/// <param name="AveragePrecision">Average precision on the test parts.</param>
/// <param name="F1">F1 on the test parts at each threshold rule; the last, <c>f1-max</c>, is an upper bound chosen with the test labels.</param>
public sealed record BenchmarkMethod(string Name, string Description, MeanAndSd RocAuc, MeanAndSd AveragePrecision, IReadOnlyList<RuleF1> F1);

/// <summary>F1 at one threshold rule over all runs.</summary>
/// <param name="Rule">The rule's name (<see cref="AnomalyThreshold.Name"/>), e.g. <c>top10%</c>.</param>
/// <param name="Mean">Mean F1.</param>
/// <param name="Sd">Sample standard deviation of F1.</param>
public sealed record RuleF1(string Rule, double Mean, double Sd);

/// <summary>The one-class protocol's results for one normal class.</summary>
/// <param name="Class">The class trained on (normal); every other class is anomalous.</param>
/// <param name="Methods">Each method's results over the seeds.</param>
public sealed record BenchmarkClass(string Class, IReadOnlyList<BenchmarkMethod> Methods);

/// <summary>One run: which rows trained and tested, and every method's values.</summary>
/// <param name="Index">0 for the first run.</param>
/// <param name="Seed">The seed of its split and of the autoencoder's weights and shuffling.</param>
/// <param name="TrainRows">Rows in the training part (their labels unused).</param>
/// <param name="TestRows">Rows in the test part.</param>
/// <param name="TestAnomalies">Labelled anomalies among them.</param>
/// <param name="Methods">Each method's values.</param>
/// <param name="TestRowNumbers">The test part's rows (0-based data-row numbers, ascending), so other tools can use the same split.</param>
public sealed record BenchmarkSplit(int Index, long Seed, int TrainRows, int TestRows, int TestAnomalies, IReadOnlyList<SplitResult> Methods,
    IReadOnlyList<long> TestRowNumbers);

/// <summary>One method on one split.</summary>
/// <param name="Name">The method.</param>
/// <param name="RocAuc">ROC AUC.</param>
/// <param name="AveragePrecision">Average precision.</param>
/// <param name="F1">F1 at each rule, by rule name (thresholds fitted on the training scores; <c>f1-max</c> on the test labels).</param>
public sealed record SplitResult(string Name, double RocAuc, double AveragePrecision, IReadOnlyDictionary<string, double> F1);

/// <summary>What a benchmark ran.</summary>
/// <param name="Source">The data file as given.</param>
/// <param name="Sha256">Its SHA-256.</param>
/// <param name="LabelColumn">The label column (1 = anomaly, 0 = normal).</param>
/// <param name="Rows">Data rows.</param>
/// <param name="Features">Feature columns.</param>
/// <param name="Anomalies">Rows labelled 1.</param>
/// <param name="Splits">Runs.</param>
/// <param name="TrainFraction">Share of the rows in each training part.</param>
/// <param name="Seed">The first run's seed; run i uses Seed + i.</param>
/// <param name="Scaling">How the features were scaled (fitted on each training part).</param>
/// <param name="Model">The autoencoder.</param>
/// <param name="Training">How it was trained; its seed is the first split's (split i trains with Seed + i).</param>
/// <param name="Score">The autoencoder's anomaly score (<see cref="AnomalyScoreKinds.Name"/>).</param>
/// <param name="PcaComponents">Components of the <c>pca</c> baseline (the latent size).</param>
/// <param name="Neighbours">k of the <c>knn</c> baseline (and of a latent-neighbour score).</param>
/// <param name="Contamination">Share of training anomalies the contamination threshold rule assumes.</param>
public sealed record BenchmarkSettings(string Source, string Sha256, string LabelColumn, int Rows, int Features, int Anomalies, int Splits,
    double TrainFraction, long Seed, string Scaling, ModelOptions Model, TrainingOptions Training, string Score, int PcaComponents, int Neighbours,
    double Contamination);

/// <summary>A method's curves on one split, for charts.</summary>
/// <param name="Method">The method.</param>
/// <param name="Roc">Its ROC curve.</param>
/// <param name="PrecisionRecall">Its precision–recall curve.</param>
public sealed record BenchmarkCurves(string Method, RocCurve Roc, PrecisionRecallCurve PrecisionRecall);
