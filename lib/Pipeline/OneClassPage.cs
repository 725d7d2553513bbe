using System.Globalization;
using Autoencoders.Plots;

namespace Autoencoders.Pipeline;

/// <summary>
/// The offline HTML page of a one-class benchmark: the mean ROC AUC over classes, every class's ROC AUC as a table and
/// as grouped bars, one class's flagged test samples explained pixel by pixel, and the settings. Class names come from
/// the data and are HTML-escaped.
/// </summary>
public static class OneClassPage
{
    /// <summary>Writes the page to <paramref name="path"/> (atomically; plotly.js inlined, so it opens offline).</summary>
    /// <param name="result">The benchmark's result.</param>
    /// <param name="path">Where the page goes.</param>
    /// <param name="flagged">One class's flagged samples (<see cref="OneClassBenchmark.Flagged"/>), or null.</param>
    public static void Save(OneClassResult result, string path, OneClassFlagged? flagged = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ChartHtml.SaveReport(path, $"One-class anomaly benchmark: {result.Dataset}", Sections(result, flagged));
    }

    /// <summary>The page's sections, for <see cref="ChartHtml.SaveReport"/> or a notebook.</summary>
    public static IReadOnlyList<ReportSection> Sections(OneClassResult result, OneClassFlagged? flagged = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var invariant = CultureInfo.InvariantCulture;
        var first = result.PerClass[0];
        var sections = new List<ReportSection>
        {
            new("Results",
                $"`{result.Protocol}` protocol on `{result.Dataset}`: for each class, the detectors are fitted on that class's training samples only " +
                string.Create(invariant, $"and score the whole test split ({first.NormalTestSamples + first.AnomalousTestSamples:N0} samples), the class normal and every other class anomalous. ") +
                $"ROC AUC averaged over the {result.PerClass.Count} classes; for the autoencoder, mean ± sample standard deviation over seeds {string.Join(", ", result.Seeds)} " +
                "(PCA and kNN do not depend on the seed).",
                [MeanTable(result)]),
            new("ROC AUC per class", Tables: [PerClassTable(result)], Charts: [PerClassChart(result)]),
        };
        if (flagged is not null)
        {
            sections.Add(new ReportSection($"What the model of class {flagged.Name} flags, and why",
                string.Create(invariant, $"The autoencoder of class {flagged.Name} (seed {flagged.Seed}) flags the test samples scoring above the 99th percentile of its own training samples' scores ({flagged.Threshold:G4}): ") +
                string.Create(invariant, $"{flagged.Flagged:N0} of {flagged.TestSamples:N0}, of which {flagged.FlaggedNormal:N0} are of class {flagged.Name} (false alarms). ") +
                "Below, the highest-scoring ones: original, reconstruction, and the squared error per pixel. The model draws every input as its own class; " +
                "the error lights up what that class does not have.",
                Charts: flagged.Chart is null ? null : [flagged.Chart]));
        }

        var model = result.Options.EffectiveModel;
        var training = result.Options.EffectiveTraining;
        var environment = result.Environment;
        sections.Add(new ReportSection("Settings", string.Join('\n', new[]
        {
            $"- autoencoder: {result.Method(OneClassBenchmark.Autoencoder).Detail}",
            string.Create(invariant, $"- model: {model.Kind.ToString().ToLowerInvariant()}, latent {model.LatentSize}; training: {training.Epochs} epochs, batch {training.BatchSize}, learning rate {training.LearningRate:G3}, Adam"),
            $"- baselines: PCA with {result.Options.PcaComponents} components; kNN, k = {result.Options.Neighbor}",
            environment is null ? "- run: not recorded"
                : $"- run: TorchSharp {environment.TorchSharp}, {environment.Threads} threads, {environment.CpuCapability}, {environment.Cpu ?? "unknown CPU"}",
        })));
        return sections;
    }

    /// <summary>Every method's ROC AUC per class as grouped bars, with the sd over seeds as error bars.</summary>
    public static Plotly.NET.GenericChart PerClassChart(OneClassResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return BenchmarkCharts.PerClassAuc([.. result.PerClass.Select(c => c.Name)],
            [.. result.Methods.Select((method, m) => new NamedBars(method.Name,
                [.. result.PerClass.Select(c => c.Methods[m].RocAuc.Mean)],
                result.Seeds.Count > 1 ? [.. result.PerClass.Select(c => c.Methods[m].RocAuc.Sd)] : null))],
            $"{result.Dataset}: ROC AUC per normal class");
    }

    private static ReportTable MeanTable(OneClassResult result) => new(
        ["method", "mean ROC AUC", "per seed", "what it is"],
        [.. result.Methods.Select(method => (IReadOnlyList<string>)[
            method.Name, Format(method.RocAuc),
            string.Join(", ", method.RocAuc.PerSeed.Select(value => value.ToString("F4", CultureInfo.InvariantCulture))), method.Detail])]);

    private static ReportTable PerClassTable(OneClassResult result) => new(
        ["class", "training samples", "normal test", "anomalous test", .. result.Methods.Select(method => method.Name)],
        [.. result.PerClass.Select(c => (IReadOnlyList<string>)[
            c.Name, c.TrainingSamples.ToString("N0", CultureInfo.InvariantCulture), c.NormalTestSamples.ToString("N0", CultureInfo.InvariantCulture),
            c.AnomalousTestSamples.ToString("N0", CultureInfo.InvariantCulture), .. c.Methods.Select(method => Format(method.RocAuc))])]);

    /// <summary>A ROC AUC as the tables show it: mean ± sd when it varies over seeds, else the value.</summary>
    public static string Format(OneClassAuc auc)
    {
        ArgumentNullException.ThrowIfNull(auc);
        return auc.PerSeed.Count > 1 && auc.Sd > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{auc.Mean:F4} ± {auc.Sd:F4}")
            : auc.Mean.ToString("F4", CultureInfo.InvariantCulture);
    }
}
