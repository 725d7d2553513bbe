using System.Globalization;
using System.Text;
using System.Text.Json;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests;

/// <summary>The anomaly-benchmark verb end to end on a small table, and its one-line errors for bad input.</summary>
public sealed class AnomalyBenchmarkCommandTests : IDisposable
{
    private const string HostileColumn = "<img src=x onerror=alert(1)>";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_verb_writes_the_report_in_the_issues_shape_and_a_page_that_escapes_column_names()
    {
        var csv = _folder.Write("table.csv", Table(rows: 240, label: row => row % 10 == 0 ? "1" : "0"));
        var output = _folder.File("out");

        var (code, console, errors) = CliTests.Run("anomaly-benchmark", "--dataset", csv, "--label-column", "label", "--protocol", "random-splits",
            "--splits", "2", "--train-fraction", "0.6", "--epochs", "20", "--out", output, "--threads", "1");

        Assert.True(code == 0, errors);
        Assert.Contains("pca-pyod", console, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "anomaly-benchmark.json")));
        var root = json.RootElement;
        Assert.Equal("random-splits", root.GetProperty("protocol").GetString());
        Assert.Equal("table", root.GetProperty("dataset").GetString());
        var methods = root.GetProperty("methods").EnumerateArray().ToList();
        Assert.Equal(["autoencoder", "autoencoder-mse", "autoencoder-centre+knn", "pca", "pca-pyod", "knn"], methods.Select(m => m.GetProperty("name").GetString()));
        foreach (var method in methods)
        {
            Assert.InRange(method.GetProperty("rocAuc").GetProperty("mean").GetDouble(), 0, 1);
            Assert.True(method.GetProperty("rocAuc").GetProperty("sd").GetDouble() >= 0);
            Assert.InRange(method.GetProperty("averagePrecision").GetProperty("mean").GetDouble(), 0, 1);
            Assert.Equal(["mean+3σ", "p99", "max", "top10%", "f1-max"], method.GetProperty("f1").EnumerateArray().Select(rule => rule.GetProperty("rule").GetString()));
        }

        // The anomalies sit 12 standard deviations out in one column: the trained autoencoder finds them.
        Assert.True(methods[0].GetProperty("rocAuc").GetProperty("mean").GetDouble() > 0.9,
            "the autoencoder finds the planted anomalies: " + string.Join(", ", methods.Select(m => $"{m.GetProperty("name")} {m.GetProperty("rocAuc").GetProperty("mean")}")));
        Assert.False(root.TryGetProperty("perClass", out _));
        var splits = root.GetProperty("splits").EnumerateArray().ToList();
        Assert.Equal([0L, 1L], splits.Select(split => split.GetProperty("seed").GetInt64()));
        Assert.Equal(96, splits[0].GetProperty("testRowNumbers").GetArrayLength());
        Assert.Equal(10, root.GetProperty("explanations").GetArrayLength());
        Assert.Equal(3, root.GetProperty("explanations")[0].GetProperty("worstColumns").GetArrayLength());
        Assert.Equal(4, root.GetProperty("settings").GetProperty("features").GetInt32());
        Assert.True(root.TryGetProperty("environment", out _));

        var page = File.ReadAllText(Path.Combine(output, "anomaly-benchmark.html"));
        Assert.DoesNotContain(HostileColumn, page, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", page, StringComparison.Ordinal);
        Assert.Contains("Precision–recall curves", page, StringComparison.Ordinal);
        Assert.Contains("ROC curves", page, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string[], string> BadInputs => new()
    {
        { "labels 0, 1 and 2", Table(60, row => (row % 3).ToString(CultureInfo.InvariantCulture)), [], "the label column 'label' holds the values 0, 1, 2; an anomaly benchmark needs 0 for a normal row and 1 for an anomaly" },
        { "text labels", Table(60, row => row % 10 == 0 ? "bad" : "good"), [], "the label column 'label' holds text ('bad', 'good')" },
        { "no anomalies", Table(60, _ => "0"), [], "marks no row as an anomaly (all 60 are 0)" },
        { "only anomalies", Table(60, _ => "1"), [], "marks every row as an anomaly (all 60 are 1)" },
        { "no feature column", "label\n0\n1\n0\n", [], "has no numeric feature column: 'label' holds the labels" },
        { "a text feature column", "colour,label\nred,0\nblue,1\n", [], "'red' is not a number" },
        { "no splits", Table(60, row => row % 10 == 0 ? "1" : "0"), ["--splits", "0"], "--splits must be at least 1 (got 0)" },
        { "a train fraction of 0", Table(60, row => row % 10 == 0 ? "1" : "0"), ["--train-fraction", "0"], "--train-fraction must be strictly between 0 and 1 (got 0)" },
        { "a train fraction above 1", Table(60, row => row % 10 == 0 ? "1" : "0"), ["--train-fraction", "1.5"], "--train-fraction must be strictly between 0 and 1 (got 1.5)" },
        { "the one-class protocol on a table", Table(60, row => row % 10 == 0 ? "1" : "0"), ["--protocol", "one-class"], "is not an image data set for the one-class protocol: use digits, fashion-mnist, mnist" },
        { "a one-class option", Table(60, row => row % 10 == 0 ? "1" : "0"), ["--seeds", "2"], "--seeds applies to the one-class protocol only" },
        { "an unknown protocol", Table(60, row => row % 10 == 0 ? "1" : "0"), ["--protocol", "leave-one-out"], "--protocol 'leave-one-out' is not a protocol; use random-splits or one-class" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_exits_with_2_and_one_line(string what, string content, string[] extra, string expected)
    {
        var csv = _folder.Write("bad.csv", content);

        var (code, _, errors) = CliTests.Run(["anomaly-benchmark", "--dataset", csv, "--label-column", "label", "--epochs", "1", "--splits", "1",
            .. extra, "--out", _folder.File("out"), "--threads", "1"]);

        Assert.True(code == 2, $"{what}: exit {code}, {errors}");
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", errors, StringComparison.Ordinal);
        Assert.Contains(expected, errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.File("out")), $"{what}: nothing is written");
    }

    // Four Gaussian columns (one with a hostile name), rows labelled by `label`; rows labelled 1 sit 12 s.d. out in column x.
    private static string Table(int rows, Func<int, string> label)
    {
        var random = new Random(11);
        var text = new StringBuilder($"x,y,z,{HostileColumn},label\n");
        for (var row = 0; row < rows; row++)
        {
            var values = Enumerable.Range(0, 4).Select(_ => Gaussian(random)).ToArray();
            var flag = label(row);
            values[0] += flag == "1" ? 12 : 0;
            text.AppendJoin(',', values.Select(value => value.ToString("F4", CultureInfo.InvariantCulture))).Append(',').Append(flag).Append('\n');
        }

        return text.ToString();
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
