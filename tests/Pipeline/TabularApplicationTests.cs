using System.Globalization;
using System.Text;
using Autoencoders.Pipeline;
using Autoencoders.Pipeline.Verbs;
using Autoencoders.Tests.Support;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Pipeline;

/// <summary>A dense model trained once through the CLI on a labelled CSV table, shared by the tests that apply it to new files.</summary>
public sealed class TabularModelFixture : IDisposable
{
    public TabularModelFixture()
    {
        Training = Folder.Write("train.csv", Table(rows: 400, seed: 1, scale: 1, columns: ["a", "b", "c", "d", "label"]));
        var (code, _, errors) = CliTests.Run("train", "--dataset", Training, "--label-column", "label", "--latent", "2", "--epochs", "8",
            "--batch-size", "32", "--lr", "1e-2", "--out", Checkpoint);
        Assert.True(code == 0, errors);
    }

    internal TempFolder Folder { get; } = new();

    internal string Training { get; }

    internal string Checkpoint => Folder.File("model");

    public void Dispose() => Folder.Dispose();

    /// <summary>
    /// Rows near a line in four columns (b = 2a, c = a − 1, d = 0.5a, plus noise), ×<paramref name="scale"/>, with a 0/1
    /// label, written with the given column order.
    /// </summary>
    internal static string Table(int rows, int seed, double scale, string[] columns)
    {
        var random = new Random(seed);
        var text = new StringBuilder(string.Join(',', columns)).Append('\n');
        for (var row = 0; row < rows; row++)
        {
            var a = (random.NextDouble() * 10) - 5;
            var values = new Dictionary<string, string>
            {
                ["a"] = F(a * scale),
                ["b"] = F(((2 * a) + (0.1 * random.NextDouble())) * scale),
                ["c"] = F((a - 1 + (0.1 * random.NextDouble())) * scale),
                ["d"] = F(((0.5 * a) + (0.1 * random.NextDouble())) * scale),
                ["label"] = (row % 5 == 0 ? 1 : 0).ToString(CultureInfo.InvariantCulture),
                ["extra"] = "7",
            };
            text.AppendJoin(',', columns.Select(column => values[column])).Append('\n');
        }

        return text.ToString();

        static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}

public sealed class TabularApplicationTests(TabularModelFixture model) : IClassFixture<TabularModelFixture>, IDisposable
{
    private readonly TempFolder _out = new();

    public void Dispose() => _out.Dispose();

    [Fact]
    public void Scoring_a_new_file_through_the_cli_gives_the_librarys_scores_with_the_training_scaler_and_threshold()
    {
        var input = _out.Write("new.csv", TabularModelFixture.Table(rows: 50, seed: 2, scale: 1, columns: ["a", "b", "c", "d", "label"]));

        var (code, output, errors) = CliTests.Run("score", "--checkpoint", model.Checkpoint, "--input", input, "--out", _out.File("scores.csv"));

        Assert.True(code == 0, errors);
        var rows = ScoreRows(_out.File("scores.csv"));
        using var trained = TrainedModel.Load(model.Checkpoint);
        using var data = InputReader.Read(input, trained.Recipe!);
        var expected = trained.Score(data);
        // The same code path on the same machine and thread count: identical doubles, written with "R".
        Assert.Equal(expected.Scores, rows.Select(row => row.Score));
        Assert.Equal(expected.Flags, rows.Select(row => row.Anomaly));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => i.ToString(CultureInfo.InvariantCulture)), rows.Select(row => row.Id));
        Assert.Equal(trained.Thresholds!.Default, expected.Threshold);
        Assert.All(rows, row => Assert.True(row.Label is "0" or "1"));
        Assert.Contains("flagged as anomalies", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_in_another_order_are_read_by_name()
    {
        var ordered = _out.Write("ordered.csv", TabularModelFixture.Table(rows: 30, seed: 3, scale: 1, columns: ["a", "b", "c", "d", "label"]));
        var shuffled = _out.Write("shuffled.csv", TabularModelFixture.Table(rows: 30, seed: 3, scale: 1, columns: ["label", "d", "b", "a", "c"]));

        Assert.Equal(0, CliTests.Run("score", "--checkpoint", model.Checkpoint, "--input", ordered, "--out", _out.File("1.csv")).Code);
        Assert.Equal(0, CliTests.Run("score", "--checkpoint", model.Checkpoint, "--input", shuffled, "--out", _out.File("2.csv")).Code);

        Assert.Equal(ScoreRows(_out.File("1.csv")).Select(row => row.Score), ScoreRows(_out.File("2.csv")).Select(row => row.Score));
    }

    [Theory]
    [InlineData("missing 'c'", "a", "b", "d", "label")]
    [InlineData("extra 'extra'", "a", "b", "c", "d", "extra")]
    public void A_file_whose_columns_differ_from_the_training_columns_exits_with_two_naming_them(string problem, params string[] columns)
    {
        var input = _out.Write("odd.csv", TabularModelFixture.Table(rows: 10, seed: 4, scale: 1, columns: columns));

        var (code, output, errors) = CliTests.Run("score", "--checkpoint", model.Checkpoint, "--input", input, "--out", _out.File("scores.csv"));

        Assert.Equal(2, code);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(problem, errors, StringComparison.Ordinal);
        Assert.Contains("'a', 'b', 'c', 'd'", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors + output, StringComparison.Ordinal);
        Assert.False(File.Exists(_out.File("scores.csv")));
    }

    [Fact]
    public void Inputs_a_thousand_times_larger_score_far_higher_so_the_training_scaler_is_applied_not_a_new_one()
    {
        var normal = _out.Write("normal.csv", TabularModelFixture.Table(rows: 40, seed: 5, scale: 1, columns: ["a", "b", "c", "d", "label"]));
        var scaled = _out.Write("scaled.csv", TabularModelFixture.Table(rows: 40, seed: 5, scale: 1000, columns: ["a", "b", "c", "d", "label"]));

        Assert.Equal(0, CliTests.Run("score", "--checkpoint", model.Checkpoint, "--input", normal, "--out", _out.File("1.csv")).Code);
        Assert.Equal(0, CliTests.Run("score", "--checkpoint", model.Checkpoint, "--input", scaled, "--out", _out.File("2.csv")).Code);

        // A scaler fitted anew on the scaled file would map it onto the training range and give similar scores.
        var before = ScoreRows(_out.File("1.csv"));
        var after = ScoreRows(_out.File("2.csv"));
        Assert.True(after.Average(row => row.Score) > 1000 * before.Average(row => row.Score), $"{after.Average(row => row.Score)} vs {before.Average(row => row.Score)}");
        Assert.All(after, row => Assert.True(row.Anomaly));
    }

    [Fact]
    public void A_threshold_can_be_a_saved_rule_or_a_number_and_anything_else_is_refused()
    {
        var input = _out.Write("new.csv", TabularModelFixture.Table(rows: 20, seed: 6, scale: 1, columns: ["a", "b", "c", "d", "label"]));

        Assert.Equal(0, CliTests.Run("score", "--checkpoint", model.Checkpoint, "--input", input, "--out", _out.File("max.csv"), "--threshold", "max").Code);
        Assert.Equal(0, CliTests.Run("score", "--checkpoint", model.Checkpoint, "--input", input, "--out", _out.File("zero.csv"), "--threshold", "0").Code);
        var (code, _, errors) = CliTests.Run("score", "--checkpoint", model.Checkpoint, "--input", input, "--out", _out.File("x.csv"), "--threshold", "p42");

        Assert.All(ScoreRows(_out.File("zero.csv")), row => Assert.True(row.Anomaly));
        Assert.Equal(2, code);
        Assert.Contains("'p42' is neither a saved threshold rule (mean+3σ, p99, max, top10%) nor a number", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_and_reconstruct_write_one_row_per_input_row_in_the_inputs_units()
    {
        var input = _out.Write("new.csv", TabularModelFixture.Table(rows: 25, seed: 7, scale: 1, columns: ["d", "c", "b", "a", "label"]));

        Assert.Equal(0, CliTests.Run("encode", "--checkpoint", model.Checkpoint, "--input", input, "--out", _out.File("codes.csv")).Code);
        Assert.Equal(0, CliTests.Run("reconstruct", "--checkpoint", model.Checkpoint, "--input", input, "--out", _out.File("rec")).Code);

        var codes = File.ReadAllLines(_out.File("codes.csv"));
        Assert.Equal("id,z0,z1", codes[0]);
        Assert.Equal(26, codes.Length);
        var reconstructed = File.ReadAllLines(Path.Combine(_out.File("rec"), ModelApplication.ReconstructionsCsv));
        Assert.Equal("id,a,b,c,d", reconstructed[0]);
        Assert.Equal(26, reconstructed.Length);

        // Reconstructions come back in the file's units: b ≈ 2a as in the data (a 2-value code can hold the line).
        var rows = reconstructed.Skip(1).Select(line => line.Split(',').Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        var original = File.ReadAllLines(input).Skip(1).Select(line => line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        var meanAbsoluteError = rows.Zip(original, (r, o) => Math.Abs(r[0] - o[3])).Average();
        Assert.True(meanAbsoluteError < 1.0, $"column a reconstructed {meanAbsoluteError} off on average, in units where a spans [-5, 5]");
    }

    [Fact]
    public void A_damaged_checkpoint_is_refused_with_one_line()
    {
        using var copy = new TempFolder();
        foreach (var file in Directory.GetFiles(model.Checkpoint))
        {
            File.Copy(file, Path.Combine(copy.Path, Path.GetFileName(file)));
        }

        var weights = Path.Combine(copy.Path, Autoencoders.Checkpoints.Checkpoint.WeightsFileName);
        var bytes = File.ReadAllBytes(weights);
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(weights, bytes);
        var input = _out.Write("new.csv", TabularModelFixture.Table(rows: 5, seed: 8, scale: 1, columns: ["a", "b", "c", "d", "label"]));

        var (code, output, errors) = CliTests.Run("score", "--checkpoint", copy.Path, "--input", input, "--out", _out.File("scores.csv"));

        Assert.Equal(2, code);
        Assert.Contains("does not match checkpoint.json", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors + output, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluating_on_the_training_file_uses_the_checkpoints_scaler()
    {
        var (code, _, errors) = CliTests.Run("evaluate", "--checkpoint", model.Checkpoint, "--out", _out.Path);

        Assert.True(code == 0, errors);
        using var trained = TrainedModel.Load(model.Checkpoint);
        using var data = Workflows.LoadFor(trained, null, model.Checkpoint);
        using var scope = NewDisposeScope();
        // The training split through the saved (standard) scaler is what the model saw in training: each column's mean 0
        // and standard deviation 1 (float32 sums over a few hundred values agree to about 1e-6).
        Assert.InRange(data.TrainFeatures.mean([0]).abs().max().item<float>(), 0f, 1e-5f);
        Assert.InRange(data.TrainFeatures.std([0], unbiased: false).sub(1).abs().max().item<float>(), 0f, 1e-4f);
    }

    private static List<(string Id, double Score, bool Anomaly, string? Label)> ScoreRows(string path) =>
        [.. File.ReadAllLines(path).Skip(1).Select(line => line.Split(',')).Select(fields =>
            (fields[0], double.Parse(fields[1], CultureInfo.InvariantCulture), fields[2] == "1", fields.Length > 3 ? fields[3] : null))];
}
