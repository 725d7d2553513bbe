using Autoencoders.Tests.Support;

namespace Autoencoders.Tests;

/// <summary>Output folders are checked before any work and replaced only when they hold nothing but the command's own files.</summary>
public sealed class OutputFolderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("train", "--epochs", "1")]
    [InlineData("evaluate", "--checkpoint", "CHECKPOINT")]
    public void A_folder_holding_other_files_is_refused_before_any_work_and_left_alone(params string[] args)
    {
        var checkpoint = _folder.File("model");
        Assert.Equal(0, CliTests.Run("train", "--epochs", "1", "--batch-size", "512", "--out", checkpoint).Code);
        Directory.CreateDirectory(_folder.File("mine"));
        var notes = _folder.Write("mine/notes.txt", "keep");

        var (code, output, errors) = CliTests.Run([.. args.Select(arg => arg == "CHECKPOINT" ? checkpoint : arg), "--out", _folder.File("mine")]);

        Assert.Equal(2, code);
        Assert.Contains("holds files this command did not write (notes.txt)", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("epoch", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Evaluating", output, StringComparison.Ordinal);
        Assert.Equal([notes], Directory.GetFileSystemEntries(_folder.File("mine")));
    }

    [Fact]
    public void An_out_path_that_is_a_file_is_refused_with_one_line()
    {
        var file = _folder.Write("taken", "a file");

        var (code, _, errors) = CliTests.Run("train", "--epochs", "1", "--out", file);

        Assert.Equal(2, code);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("is a file, not a folder", errors, StringComparison.Ordinal);
        Assert.Equal("a file", File.ReadAllText(file));
    }

    [Fact]
    public void Retraining_into_a_checkpoint_folder_replaces_it_whole_and_leaves_no_temporary_folder()
    {
        var checkpoint = _folder.File("model");
        Assert.Equal(0, CliTests.Run("train", "--epochs", "1", "--batch-size", "512", "--out", checkpoint).Code);

        Assert.Equal(0, CliTests.Run("train", "--model", "deep", "--epochs", "1", "--batch-size", "512", "--out", checkpoint).Code);

        Assert.Contains("\"kind\": \"deep\"", File.ReadAllText(Path.Combine(checkpoint, "checkpoint.json")), StringComparison.Ordinal);
        // Beside it only its writer's lock file, which stays (README, Reliability).
        Assert.Equal([".model.lock", "model"], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
