using System.Text.RegularExpressions;
using Autoencoders.Tests.Data;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests;

/// <summary>
/// Values a user can get wrong on the command line or by editing a checkpoint: each stops with exit code 2 and one
/// line naming the option or the file and field, before anything is written.
/// </summary>
public sealed class BadValueTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("--lr must be at most 1 (got 1E+40)", "train", "--lr", "1e40")]
    [InlineData("--lr must be a positive number (got", "train", "--lr", "Infinity")]
    [InlineData("--lr must be at most 1 (got 1.5)", "train", "--lr", "1.5")]
    [InlineData("--out is empty; give it a value, or leave the option out to use its default, out/train.", "train", "--out", "")]
    [InlineData("--out is empty; give it a value, or leave the option out to use its default, out/evaluate.", "evaluate", "--out", " ")]
    [InlineData("--dataset is empty; give it a value, or leave the option out to use its default, digits.", "train", "--dataset", "")]
    [InlineData("--dataset is empty; give it a value, or leave the option out to use its default, digits.", "data", "--dataset", "")]
    [InlineData("--checkpoint is empty; give it a value, or leave the option out to use its default, out/train.", "score", "--checkpoint", "", "--input", "x.csv", "--out", "x")]
    [InlineData("the label column must be a column name, not empty", "train", "--label-column", "")]
    [InlineData("--threshold is empty; give it a value, or leave the option out.", "score", "--threshold", "", "--input", "x.csv", "--out", "x")]
    public void A_value_out_of_range_or_empty_exits_with_two_and_one_line(string message, params string[] args) =>
        AssertRefused(message, args);

    [Theory]
    [InlineData("--anomaly-class takes a whole number, not 'seven'.", "evaluate", "--anomaly-class", "seven")]
    [InlineData("--anomaly-class takes a whole number, not 'seven'.", "evaluate", "--anomaly-class=seven")]
    [InlineData("--exclude-class takes a whole number, not '1.5'.", "train", "--exclude-class", "1.5")]
    [InlineData("--noise takes a number, e.g. 0.5, not 'abc'.", "train", "--noise", "abc")]
    [InlineData("--clip-norm takes a number, e.g. 0.5, not '1,5'.", "train", "--clip-norm", "1,5")]
    [InlineData("--threads takes a whole number, not 'x'.", "train", "--out", "x", "--threads", "x")]
    [InlineData("--epochs takes a whole number no larger than 2147483647, not '99999999999'.", "train", "--epochs", "99999999999")]
    [InlineData("--train-fraction takes a number, e.g. 0.5, not 'half'.", "anomaly-benchmark", "--train-fraction", "half")]
    public void A_value_of_the_wrong_kind_names_its_option_and_what_it_takes(string message, params string[] args)
    {
        var (code, output, errors) = CliTests.Run(args);

        Assert.Equal(2, code);
        Assert.Equal($"error: {message} (see 'autoencoders --help')", errors.Trim());
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"latentSize\": 0", "model.latentSize must be a whole number from 1 to 2,147,483,647 (got 0)")]
    [InlineData("\"latentSize\": -5", "model.latentSize must be a whole number from 1 to 2,147,483,647 (got -5)")]
    [InlineData("\"latentSize\": []", "model.latentSize must be a whole number from 1 to 2,147,483,647 (got a list of 0)")]
    [InlineData("\"latentSize\": null", "model.latentSize must be a whole number from 1 to 2,147,483,647 (got null)")]
    [InlineData("\"learningRate\": -1", "training.learningRate must be a positive number (got -1)")]
    public void An_edited_checkpoint_is_refused_naming_the_file_and_the_field(string edit, string problem)
    {
        var csv = _folder.Write("table.csv", EdgeSizedDataTests.Table(20, columns: 3));
        var checkpoint = _folder.File("train");
        var (code, _, errors) = CliTests.Run("train", "--dataset", csv, "--latent", "2", "--epochs", "1", "--out", checkpoint);
        Assert.True(code == 0, errors);
        var metadata = Path.Combine(checkpoint, "checkpoint.json");
        var field = edit.Split(':')[0];
        File.WriteAllText(metadata, new Regex($"{Regex.Escape(field)}: [^,\\n]+").Replace(File.ReadAllText(metadata), edit, 1));

        AssertRefused($"{metadata}: {problem}", "evaluate", "--checkpoint", checkpoint, "--out", _folder.File("out"));
        AssertRefused($"{metadata}: {problem}", "score", "--checkpoint", checkpoint, "--input", csv, "--out", _folder.File("out"));
        AssertRefused($"{metadata}: {problem}", "train", "--resume", checkpoint, "--epochs", "2", "--out", _folder.File("out"));
    }

    private void AssertRefused(string problem, params string[] args)
    {
        var (code, output, errors) = CliTests.Run(args.Contains("--out") ? args : [.. args, "--out", _folder.File("out")]);

        Assert.Equal(2, code);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", errors, StringComparison.Ordinal);
        Assert.Contains(problem, errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors + output, StringComparison.Ordinal);
        Assert.False(Path.Exists(_folder.File("out")), "nothing is written");
    }
}
