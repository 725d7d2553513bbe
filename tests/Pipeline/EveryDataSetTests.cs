using System.Globalization;
using System.Text;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Pipeline;

/// <summary>Real inputs never crash: every CSV the project ships, and a standardised one, goes through train → evaluate → score with default options.</summary>
public sealed class EveryDataSetTests : IDisposable
{
    private readonly TempFolder _out = new();

    public void Dispose() => _out.Dispose();

    // NAB's 58 series in data/nab-corpus/ would add minutes: every one is loaded by TimestampsTests, and nab run's
    // test trains on two of them; data/nab/ keeps two of them here.
    public static TheoryData<string> ShippedCsvFiles => [.. Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "data"), "*.csv", SearchOption.AllDirectories)
        .Select(path => Path.GetRelativePath(RepositoryPaths.Root, path).Replace('\\', '/'))
        .Where(path => !path.StartsWith("data/nab-corpus/", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ShippedCsvFiles))]
    public void A_shipped_csv_trains_evaluates_and_scores_with_default_options(string relativePath)
    {
        TrainEvaluateScore(Path.Combine(RepositoryPaths.Root, relativePath));
    }

    [Fact]
    public void A_standardised_table_with_negative_values_and_a_label_trains_evaluates_and_scores()
    {
        // z-scores: values on both sides of 0, as ODDS-style benchmark files come.
        var random = new Random(3);
        var text = new StringBuilder("f1,f2,f3,f4,f5,label\n");
        for (var row = 0; row < 120; row++)
        {
            var values = Enumerable.Range(0, 5).Select(_ => (NextGaussian(random) * 1.5).ToString("R", CultureInfo.InvariantCulture));
            text.AppendJoin(',', values).Append(',').Append(row % 10 == 0 ? 1 : 0).Append('\n');
        }

        TrainEvaluateScore(_out.Write("standardised.csv", text.ToString()), "--label-column", "label");
    }

    private void TrainEvaluateScore(string csv, params string[] extra)
    {
        var model = _out.File("model");
        var (code, _, errors) = CliTests.Run(["train", "--dataset", csv, .. extra, "--epochs", "2", "--out", model]);
        Assert.True(code == 0, $"train: {errors}");
        var evaluation = CliTests.Run("evaluate", "--checkpoint", model, "--out", _out.File("evaluation"));
        Assert.True(evaluation.Code == 0, $"evaluate: {evaluation.Errors}");
        var scoring = CliTests.Run("score", "--checkpoint", model, "--input", csv, "--out", _out.File("scores.csv"));
        Assert.True(scoring.Code == 0, $"score: {scoring.Errors}");
        Assert.Equal(File.ReadAllLines(csv).Length, File.ReadAllLines(_out.File("scores.csv")).Length);
    }

    private static double NextGaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
