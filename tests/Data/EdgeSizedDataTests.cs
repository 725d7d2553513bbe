using System.Globalization;
using System.Text;
using System.Text.Json;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Data;

/// <summary>
/// CSV files a user could bring, at the edges: a few rows, one class, huge labels, no header, one feature, a constant
/// column, very wide rows, Windows line ends, a byte-order mark, quoted fields. Each goes through train → evaluate →
/// score with default options, or stops with exit code 2 and one line before writing anything.
/// </summary>
public sealed class EdgeSizedDataTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(40)]
    [InlineData(54)]
    public void A_table_of_a_few_rows_trains_evaluates_and_scores_leaving_out_what_needs_more_samples(int rows)
    {
        var csv = _folder.Write("few.csv", Table(rows, columns: 10, label: row => $"{row % 3}"));

        // The generic dense model (a code of 32), so that the latent view needs a projection.
        using var metrics = TrainEvaluateScore(csv, ["--label-column", "label", "--model", "dense"], ["--tsne"]);

        var root = metrics.RootElement;
        var omitted = Omitted(root);
        var testSamples = root.GetProperty("testSamples").GetInt64();
        // t-SNE's perplexity is 30: every one of these test splits (at most 11 rows) is drawn with PCA instead.
        Assert.Contains("tsne", omitted);
        Assert.Equal(testSamples > 10, root.GetProperty("latentView").GetProperty("trustworthiness").ValueKind == JsonValueKind.Number);
        Assert.Equal(testSamples <= 10, omitted.Contains("trustworthiness"));
        Assert.Equal(root.GetProperty("knn").ValueKind == JsonValueKind.Null, omitted.Contains("knn"));
    }

    [Fact]
    public void A_test_split_of_one_row_is_shown_by_its_first_two_code_values_and_k_NN_is_left_out()
    {
        var csv = _folder.Write("three.csv", Table(3, columns: 4, label: row => $"{row % 2}"));

        using var metrics = TrainEvaluateScore(csv, ["--label-column", "label", "--model", "dense"], []);

        var root = metrics.RootElement;
        Assert.Equal(1, root.GetProperty("testSamples").GetInt64());
        Assert.Equal("latent (first 2 code values)", root.GetProperty("latentView").GetProperty("method").GetString());
        Assert.Contains("latentView", Omitted(root));
        Assert.Contains("knn", Omitted(root));
    }

    [Theory]
    [InlineData(1, "only 1 data row; a training and a test split need at least 2 rows")]
    [InlineData(2, "1 training sample after the test split, too few to hold one out for validation as well")]
    public void A_table_of_one_or_two_rows_is_refused_in_one_line_before_anything_is_written(int rows, string problem)
    {
        var csv = _folder.Write("tiny.csv", Table(rows, columns: 3));

        AssertRefused(problem, "train", "--dataset", csv, "--model", "dense", "--epochs", "1");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(20)]
    public void A_table_of_a_few_rows_goes_through_train_evaluate_and_score_with_the_table_defaults(int rows)
    {
        var csv = _folder.Write("defaults.csv", Table(rows, columns: 5, label: row => $"{row % 2}"));

        using var metrics = TrainEvaluateScore(csv, ["--label-column", "label"], []);

        Assert.Equal(2, metrics.RootElement.GetProperty("latentSize").GetInt32());
    }

    [Fact]
    public void A_single_class_trains_and_evaluates_and_holding_it_out_is_refused_in_one_line()
    {
        var csv = _folder.Write("one-class.csv", Table(20, columns: 3, label: _ => "3"));
        using var metrics = TrainEvaluateScore(csv, ["--label-column", "label"], []);

        AssertRefused("holds one class only (3); holding out a class as the anomaly needs data with at least two classes",
            "evaluate", "--checkpoint", _folder.File("train"), "--anomaly-class", "3");
        AssertRefused("holds one class only (3)", "train", "--dataset", csv, "--label-column", "label", "--exclude-class", "3", "--epochs", "1");
    }

    [Fact]
    public void Labels_too_large_to_be_class_indices_become_named_classes_instead_of_sizing_anything()
    {
        var csv = _folder.Write("ids.csv", Table(20, columns: 3, label: row => row % 2 == 0 ? "7" : "1000000000000"));

        using var metrics = TrainEvaluateScore(csv, ["--label-column", "label"], []);

        var classes = metrics.RootElement.GetProperty("perClass").EnumerateArray().Select(entry => entry.GetRawText()).ToList();
        Assert.Contains(classes, entry => entry.Contains("1000000000000", StringComparison.Ordinal));
        Assert.NotEqual(JsonValueKind.Null, metrics.RootElement.GetProperty("knn").ValueKind);
    }

    [Fact]
    public void A_file_without_a_header_row_is_refused_in_one_line_saying_to_add_one()
    {
        var csv = _folder.Write("no-header.csv", Table(20, columns: 3).Split('\n', 2)[1]);

        AssertRefused("line 1 holds only numbers", "train", "--dataset", csv, "--epochs", "1");
        AssertRefused("add a first line naming the 3 columns (e.g. x1,x2,x3)", "train", "--dataset", csv, "--epochs", "1");
    }

    [Theory]
    [InlineData("one-feature")]
    [InlineData("constant-column")]
    [InlineData("wide")]
    [InlineData("crlf")]
    [InlineData("bom")]
    [InlineData("quoted")]
    [InlineData("numbered-columns")]
    public void Files_of_every_reasonable_shape_and_encoding_go_through_train_evaluate_and_score(string kind)
    {
        var text = kind switch
        {
            "one-feature" => Table(20, columns: 1, label: row => $"{row % 2}"),
            "constant-column" => Table(20, columns: 3).Replace("\n", ",5\n", StringComparison.Ordinal).Replace("x3,5", "x3,constant", StringComparison.Ordinal),
            "wide" => Table(30, columns: 2000),
            "crlf" => Table(20, columns: 3).ReplaceLineEndings("\r\n"),
            "bom" => "\uFEFF" + Table(20, columns: 3),
            "quoted" => string.Join('\n', Table(20, columns: 3).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => string.Join(',', line.Split(',').Select(field => $"\"{field}\"")))) + "\n",
            "numbered-columns" => "400,410,420" + Table(20, columns: 3)[Table(20, columns: 3).IndexOf('\n', StringComparison.Ordinal)..],
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var csv = _folder.Write($"{kind}.csv", text);

        using var metrics = TrainEvaluateScore(csv, kind == "one-feature" ? ["--label-column", "label"] : [], []);

        Assert.True(metrics.RootElement.GetProperty("test").GetProperty("mse").GetDouble() >= 0);
    }

    /// <summary>Rows of seeded uniform values in columns x1…xN, and a label column when <paramref name="label"/> is given.</summary>
    internal static string Table(int rows, int columns, Func<int, string>? label = null)
    {
        var random = new Random(rows * 1000 + columns);
        var text = new StringBuilder();
        text.AppendJoin(',', Enumerable.Range(1, columns).Select(c => $"x{c}")).Append(label is null ? "" : ",label").Append('\n');
        for (var row = 0; row < rows; row++)
        {
            text.AppendJoin(',', Enumerable.Range(0, columns).Select(_ => random.NextDouble().ToString("F4", CultureInfo.InvariantCulture)));
            text.Append(label is null ? "" : "," + label(row)).Append('\n');
        }

        return text.ToString();
    }

    private JsonDocument TrainEvaluateScore(string csv, string[] trainOptions, string[] evaluateOptions)
    {
        var (code, _, errors) = CliTests.Run(["train", "--dataset", csv, .. trainOptions, "--epochs", "2", "--out", _folder.File("train")]);
        Assert.True(code == 0, errors);
        (code, _, errors) = CliTests.Run(["evaluate", "--checkpoint", _folder.File("train"), .. evaluateOptions, "--out", _folder.File("evaluate")]);
        Assert.True(code == 0, errors);
        (code, _, errors) = CliTests.Run(["score", "--checkpoint", _folder.File("train"), "--input", csv, "--out", _folder.File("scores.csv")]);
        Assert.True(code == 0, errors);
        Assert.True(File.ReadAllLines(_folder.File("scores.csv")).Length > 1);
        return JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder.File("evaluate"), "metrics.json")));
    }

    private static List<string> Omitted(JsonElement root) =>
        [.. root.GetProperty("omitted").EnumerateArray().Select(entry => entry.GetProperty("metric").GetString()!)];

    private void AssertRefused(string problem, params string[] args)
    {
        var (code, output, errors) = CliTests.Run([.. args, "--out", _folder.File("refused")]);

        Assert.Equal(2, code);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", errors, StringComparison.Ordinal);
        Assert.Contains(problem, errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors + output, StringComparison.Ordinal);
        Assert.False(Path.Exists(_folder.File("refused")), "nothing is written");
    }
}
