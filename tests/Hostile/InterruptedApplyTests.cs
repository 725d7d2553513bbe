using System.Diagnostics;
using Autoencoders.Checkpoints;
using Autoencoders.IO;
using Autoencoders.Tests.FaultInjection;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Hostile;

/// <summary>A small tabular checkpoint (thyroid, 1 epoch) and its input, for the verbs that apply a model.</summary>
public sealed class TabularCheckpoint : IDisposable
{
    private readonly TempFolder _folder = new();

    public TabularCheckpoint()
    {
        var (code, _, errors) = CliTests.Run("train", "--dataset", Table, "--label-column", "label", "--epochs", "1", "--threads", "1", "--out", Path);
        Assert.True(code == 0, errors);
    }

    public static string Table => System.IO.Path.Combine(RepositoryPaths.Root, "data", "odds", "thyroid.csv");

    public string Path => _folder.File("checkpoint");

    public void Dispose() => _folder.Dispose();
}

/// <summary>
/// score, encode and reconstruct stop on the first Ctrl+C or SIGTERM like train and evaluate (issue 25): exit 130
/// (143 for SIGTERM), the previous output untouched, no temporary file left; and what killed writers left is cleaned.
/// </summary>
public sealed class InterruptedApplyTests(TabularCheckpoint checkpoint) : IClassFixture<TabularCheckpoint>, IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("score", "scores.csv")]
    [InlineData("encode", "codes.csv")]
    [InlineData("reconstruct", "reconstructions")]
    public void A_verb_interrupted_before_it_writes_exits_130_and_leaves_the_previous_output(string verb, string name)
    {
        var output = _temp.File(name);
        Assert.Equal(0, Apply(verb, output).Code);
        var before = Snapshot(_temp.Path);
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        var (code, printed, errors) = Apply(verb, output, stop.Token);

        Assert.True(code == 130, $"exit {code}: {errors}{printed}");
        Assert.Contains("Interrupted: nothing written", printed, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(_temp.Path));
    }

    [LinuxFact("sends SIGTERM to a child process")]
    public void Score_stopped_by_sigterm_while_scoring_exits_143_and_writes_nothing()
    {
        var output = _temp.File("scores.csv");
        var environment = new Dictionary<string, string> { ["AUTOENCODERS_FAULT_INJECTION"] = "pause-at:apply-batch:2000" };
        using var child = CliChild.Start(environment, "score", "--checkpoint", checkpoint.Path, "--input", TabularCheckpoint.Table, "--threads", "1", "--out", output);
        Assert.True(child.WaitForLine(line => line.Contains("fault-injection: at apply-batch", StringComparison.Ordinal), TimeSpan.FromSeconds(60)), child.Output + child.Errors);

        child.Signal(CliChild.Terminate);

        Assert.Equal(143, child.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp.Path));
    }

    [Fact]
    public void Temporary_files_of_dead_writers_are_removed_by_the_next_run_and_those_of_live_ones_kept()
    {
        var output = _temp.File("scores.csv");
        var dead = AtomicFile.TemporaryPath(output).Replace($".{Environment.ProcessId}.", $".{DeadProcessId()}.", StringComparison.Ordinal);
        var live = AtomicFile.TemporaryPath(output);
        File.WriteAllText(dead, "half a file");
        File.WriteAllText(live, "being written");

        Assert.Equal(0, Apply("score", output).Code);

        Assert.False(File.Exists(dead), "the dead writer's temporary file is still there");
        Assert.True(File.Exists(live), "a live writer's temporary file was removed");
    }

    [Fact]
    public void A_failed_score_into_a_new_folder_leaves_no_empty_folder()
    {
        var folder = _temp.File("new") + Path.DirectorySeparatorChar;

        var run = Apply("score", folder);

        Refusal.AssertOneLine(run, folder);
        Assert.False(Directory.Exists(folder), "the failed run left the folder it created");
    }

    [Fact]
    public void Training_into_an_existing_checkpoint_says_so()
    {
        var folder = _temp.File("train");
        Assert.Equal(0, CliTests.Run("train", "--dataset", TabularCheckpoint.Table, "--label-column", "label", "--epochs", "1", "--threads", "1", "--out", folder).Code);

        var (code, output, errors) = CliTests.Run("train", "--dataset", TabularCheckpoint.Table, "--label-column", "label", "--epochs", "1", "--threads", "1", "--out", folder);

        Assert.True(code == 0, errors);
        Assert.Contains($"note: {folder} holds a checkpoint already; this run replaces it", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, Checkpoint.MetadataFileName)));
    }

    private (int Code, string Output, string Errors) Apply(string verb, string output, CancellationToken stop = default) =>
        CliTests.Run(stop, verb, "--checkpoint", checkpoint.Path, "--input", TabularCheckpoint.Table, "--threads", "1", "--out", output);

    // Every file under the folder with its content, to compare before and after.
    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(file => file, File.ReadAllText);

    private static int DeadProcessId()
    {
        using var process = Process.Start("true")!;
        process.WaitForExit();
        return process.Id;
    }
}
