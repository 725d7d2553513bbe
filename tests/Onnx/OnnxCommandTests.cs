using System.Globalization;
using Autoencoders.Tests.Pipeline;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Onnx;

/// <summary>What 'export --format onnx' writes scores a CSV through 'score --engine onnx' as 'score' does with the checkpoint.</summary>
public sealed class OnnxTableCommandTests(TabularModelFixture model) : IClassFixture<TabularModelFixture>, IDisposable
{
    private readonly TempFolder _out = new();

    public void Dispose() => _out.Dispose();

    [Fact]
    public void A_table_scored_by_the_exported_file_on_ONNX_Runtime_gets_the_checkpoint_s_scores_and_flags()
    {
        // Rows ten times as spread as the training ones: some are flagged, some not.
        var input = _out.Write("new.csv", TabularModelFixture.Table(rows: 60, seed: 2, scale: 1, columns: ["d", "label", "c", "b", "a"])
            + TabularModelFixture.Table(rows: 20, seed: 3, scale: 10, columns: ["d", "label", "c", "b", "a"]).Split('\n', 2)[1]);

        OnnxCommandChecks.ExportAndCompare(model.Checkpoint, input, _out, threshold: null);
        OnnxCommandChecks.ExportAndCompare(model.Checkpoint, input, _out, threshold: "p99");
    }

    [Theory]
    [InlineData("--engine", "tensorflow", "--engine 'tensorflow' is not an engine")]
    [InlineData("--engine", "onnx", "--engine onnx needs --model FILE.onnx")]
    [InlineData("--model", "x.onnx", "--model names an ONNX file: add --engine onnx")]
    public void Bad_engine_options_exit_with_2_in_one_line(string option, string value, string expected)
    {
        var (code, _, errors) = CliTests.Run("score", "--input", model.Training, "--out", _out.File("s.csv"), option, value);

        Assert.Equal(2, code);
        Assert.Contains(expected, errors, StringComparison.Ordinal);
        Assert.Single(errors.TrimEnd().Split('\n'));
    }

    [Fact]
    public void A_file_without_a_training_column_is_refused_in_one_line_naming_the_column()
    {
        var onnx = _out.File("detector.onnx");
        Assert.Equal(0, CliTests.Run("export", "--checkpoint", model.Checkpoint, "--format", "onnx", "--out", onnx).Code);
        var input = _out.Write("bad.csv", "a,b,c\n1,2,3\n");

        var (code, _, errors) = CliTests.Run("score", "--engine", "onnx", "--model", onnx, "--input", input, "--out", _out.File("s.csv"));

        Assert.Equal(2, code);
        Assert.Contains("no column 'd' in the header", errors, StringComparison.Ordinal);
        Assert.Single(errors.TrimEnd().Split('\n'));
        Assert.False(File.Exists(_out.File("s.csv")));
    }
}

/// <summary>The same for a time series: each step's score is the lowest of its windows' in both engines.</summary>
public sealed class OnnxSeriesCommandTests(SeriesModelFixture model) : IClassFixture<SeriesModelFixture>, IDisposable
{
    private readonly TempFolder _out = new();

    public void Dispose() => _out.Dispose();

    [Fact]
    public void A_series_scored_by_the_exported_file_on_ONNX_Runtime_gets_the_checkpoint_s_step_scores_and_flags()
    {
        var input = _out.Write("new.csv", SeriesModelFixture.Series(steps: 200, jump: 120..130));

        OnnxCommandChecks.ExportAndCompare(model.Checkpoint, input, _out, threshold: null);
    }
}

internal static class OnnxCommandChecks
{
    public static void ExportAndCompare(string checkpoint, string input, TempFolder folder, string? threshold)
    {
        var onnx = folder.File("detector.onnx");
        var export = CliTests.Run("export", "--checkpoint", checkpoint, "--format", "onnx", "--out", onnx);
        Assert.True(export.Code == 0, export.Errors);
        Assert.Contains("ONNX, opset 17", export.Output, StringComparison.Ordinal);
        string[] thresholdOption = threshold is null ? [] : ["--threshold", threshold];

        var torch = CliTests.Run(["score", "--checkpoint", checkpoint, "--input", input, "--out", folder.File("torch.csv"), .. thresholdOption]);
        var runtime = CliTests.Run(["score", "--engine", "onnx", "--model", onnx, "--input", input, "--out", folder.File("onnx.csv"), .. thresholdOption]);

        Assert.True(torch.Code == 0, torch.Errors);
        Assert.True(runtime.Code == 0, runtime.Errors);
        var expected = Read(folder.File("torch.csv"));
        var actual = Read(folder.File("onnx.csv"));
        Assert.Equal(expected.Count, actual.Count);
        for (var row = 0; row < expected.Count; row++)
        {
            // Float32 layers summed in another order by each runtime, scores summed in float64: about 1e-6 relative.
            AssertClose.Relative(expected[row].Score, actual[row].Score, 1e-5, $"row {row}'s score");
        }

        Assert.Equal(expected.Select(row => row.Anomaly), actual.Select(row => row.Anomaly));
        Assert.Contains(true, actual.Select(row => row.Anomaly));
        Assert.Contains(false, actual.Select(row => row.Anomaly));
    }

    private static List<(double Score, bool Anomaly)> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var (score, anomaly) = (Array.IndexOf(header, "score"), Array.IndexOf(header, "anomaly"));
        return [.. lines.Skip(1).Where(line => line.Length > 0).Select(line => line.Split(','))
            .Select(fields => (double.Parse(fields[score], CultureInfo.InvariantCulture), fields[anomaly] == "1"))];
    }
}
