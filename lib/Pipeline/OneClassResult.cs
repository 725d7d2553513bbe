using System.Text.Json;
using System.Text.Json.Serialization;
using Autoencoders.IO;
using Autoencoders.Native;

namespace Autoencoders.Pipeline;

/// <summary>
/// What <see cref="OneClassBenchmark.Run"/> measured. Serialised with camel-case names it is the benchmark's JSON:
/// <c>{"protocol": "one-class", "dataset": …, "methods": [{"name": …, "rocAuc": {"mean": …, "sd": …}}], "perClass": [{"class": …, "name": …, "methods": […]}]}</c>.
/// </summary>
/// <param name="Protocol">Always <see cref="OneClassBenchmark.Protocol"/>.</param>
/// <param name="Dataset">The data set's name.</param>
/// <param name="Seeds">The seeds, in the order of every <see cref="OneClassAuc.PerSeed"/> list.</param>
/// <param name="Methods">Each method's ROC AUC averaged over the classes: per seed the mean over classes, then mean ± sd over seeds.</param>
/// <param name="PerClass">Each class's ROC AUCs, in the order of the classes.</param>
/// <param name="Options">The options the run used (defaults filled in).</param>
public sealed record OneClassResult(
    string Protocol,
    string Dataset,
    IReadOnlyList<long> Seeds,
    IReadOnlyList<OneClassMethod> Methods,
    IReadOnlyList<OneClassClassResult> PerClass,
    OneClassOptions Options)
{
    private static readonly JsonSerializerOptions JsonOptions = CreateJsonOptions();

    /// <summary>The layout version of <see cref="ToJson"/> (the <c>anomaly-benchmark.json</c> of the one-class protocol).</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary>Versions, threads and CPU of the run; null when not recorded.</summary>
    public RunEnvironment? Environment { get; init; }

    /// <summary>The result as indented JSON with camel-case names and kebab-case enums: the verb's <c>anomaly-benchmark.json</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(Checkpoints.Checkpoint.JsonOptions)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        // First, as the general enum converter would otherwise win over the type's own: scores read as on the command line.
        options.Converters.Insert(0, new Evaluation.Anomaly.ImageAnomalyScoreJsonConverter());
        return options;
    }

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/>, atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());

    /// <summary>The summary of the method called <paramref name="name"/> (e.g. <c>autoencoder</c>, <c>pca</c>, <c>knn</c>).</summary>
    /// <exception cref="KeyNotFoundException">No method has that name.</exception>
    public OneClassMethod Method(string name) =>
        Methods.FirstOrDefault(method => method.Name == name) ?? throw new KeyNotFoundException($"no method '{name}'; the methods are {string.Join(", ", Methods.Select(m => m.Name))}");
}

/// <summary>One class's results: it was the normal class, every other class of the test split the anomaly.</summary>
/// <param name="Class">The label value.</param>
/// <param name="Name">Its display name (the data set's class name, or the number).</param>
/// <param name="TrainingSamples">Training samples of the class, all of them trained on.</param>
/// <param name="NormalTestSamples">Test samples of the class.</param>
/// <param name="AnomalousTestSamples">Test samples of every other class.</param>
/// <param name="Methods">Each method's ROC AUC for this class, mean ± sd over the seeds.</param>
public sealed record OneClassClassResult(
    long Class,
    string Name,
    long TrainingSamples,
    long NormalTestSamples,
    long AnomalousTestSamples,
    IReadOnlyList<OneClassMethod> Methods)
{
    /// <summary>The result of the method called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No method has that name.</exception>
    public OneClassMethod Method(string name) =>
        Methods.FirstOrDefault(method => method.Name == name) ?? throw new KeyNotFoundException($"no method '{name}'; the methods are {string.Join(", ", Methods.Select(m => m.Name))}");
}

/// <summary>One method's ROC AUC.</summary>
/// <param name="Name"><c>autoencoder</c> (the chosen score), <c>autoencoder-&lt;score&gt;</c> (further scores of the same models), <c>pca</c> or <c>knn</c>.</param>
/// <param name="Detail">What exactly the method is, e.g. <c>reconstruction error, 32 components</c>.</param>
/// <param name="RocAuc">Its ROC AUC over the seeds.</param>
public sealed record OneClassMethod(string Name, string Detail, OneClassAuc RocAuc);

/// <summary>A ROC AUC measured once per seed, summarised.</summary>
/// <param name="Mean">The mean over seeds.</param>
/// <param name="Sd">The sample standard deviation over seeds (n − 1 in the denominator); 0 for one seed.</param>
/// <param name="PerSeed">One value per seed. PCA and kNN do not depend on the seed: their values repeat.</param>
public sealed record OneClassAuc(double Mean, double Sd, IReadOnlyList<double> PerSeed)
{
    /// <summary>Summarises one value per seed.</summary>
    /// <exception cref="ArgumentException">No values.</exception>
    public static OneClassAuc Of(IReadOnlyList<double> perSeed)
    {
        ArgumentNullException.ThrowIfNull(perSeed);
        if (perSeed.Count == 0)
        {
            throw new ArgumentException("a summary needs at least one value", nameof(perSeed));
        }

        if (perSeed.All(value => value == perSeed[0]))
        {
            // Exactly, where a float sum of n equal values need not give back the value (PCA and kNN repeat theirs).
            return new OneClassAuc(perSeed[0], 0, [.. perSeed]);
        }

        var mean = perSeed.Average();
        var sd = perSeed.Count < 2 ? 0 : Math.Sqrt(perSeed.Sum(value => (value - mean) * (value - mean)) / (perSeed.Count - 1));
        return new OneClassAuc(mean, sd, [.. perSeed]);
    }
}
