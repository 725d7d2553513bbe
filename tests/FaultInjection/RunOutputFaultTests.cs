using Autoencoders.Checkpoints;
using Autoencoders.IO;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.FaultInjection;

/// <summary>
/// The run verb's outputs (checkpoints, figures, metrics.json, report.html) share out/ with other commands' folders, so
/// they are staged and moved in together: a run killed before its commit leaves the previous results, one killed during
/// it is finished by the next access. Never a report beside another run's checkpoint.
/// </summary>
[Collection(FaultInjectionGroup.Name)]
public sealed class RunOutputFaultTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Out => _temp.File("out");

    [Fact]
    public void A_run_killed_before_its_commit_leaves_the_previous_results_and_other_files()
    {
        var previous = RunInProcess(seed: 1);
        File.WriteAllText(Path.Combine(Out, "notes.txt"), "mine");
        using (var child = CliChild.Start(null, Run(seed: 2)))
        {
            Assert.True(child.WaitForLine(line => line.Contains("Step 2/4", StringComparison.Ordinal), Patience), child.Output + child.Errors);
            child.KillHard();
        }

        AtomicFolder.Recover(Path.Combine(Out, "checkpoint"));

        Assert.Equal(previous, Results());
        Assert.Equal("mine", File.ReadAllText(Path.Combine(Out, "notes.txt")));
        Assert.DoesNotContain(Directory.EnumerateDirectories(Out), folder => Path.GetFileName(folder).StartsWith(".staging", StringComparison.Ordinal));
    }

    [Fact]
    public void A_run_killed_during_its_commit_is_finished_on_the_next_access()
    {
        var previous = RunInProcess(seed: 1);
        var environment = new Dictionary<string, string> { ["AUTOENCODERS_FAULT_INJECTION"] = "pause-at:commit-entry:60000" };
        using (var child = CliChild.Start(environment, Run(seed: 2)))
        {
            Assert.True(child.WaitForLine(line => line == "fault-injection: at commit-entry", Patience), child.Output + child.Errors);
            child.KillHard();
        }

        // Killed with the old checkpoint moved aside and the new one not yet in: reading it finishes the commit.
        using var loaded = Checkpoint.Load(Path.Combine(Out, "checkpoint"));

        Assert.Equal(2, loaded.Metadata.Training.Seed);
        var now = Results();
        Assert.NotEqual(previous.Metrics, now.Metrics);
        Assert.Contains($"\"checkpoint\": \"{Path.Combine(Out, "checkpoint")}\"", now.Metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.EnumerateDirectories(Out), folder => Path.GetFileName(folder).StartsWith(".staging", StringComparison.Ordinal));
    }

    private string[] Run(long seed) => ["run", "--model", "dense", "--epochs", "1", "--seed", $"{seed}", "--threads", "1", "--out", Out];

    private (string Metrics, string Report, long Seed) RunInProcess(long seed)
    {
        var (code, _, errors) = CliTests.Run(Run(seed));
        Assert.True(code == 0, errors);
        return Results();
    }

    private (string Metrics, string Report, long Seed) Results() => (
        File.ReadAllText(Path.Combine(Out, "metrics.json")),
        File.ReadAllText(Path.Combine(Out, "report.html")),
        Checkpoint.ReadMetadata(Path.Combine(Out, "checkpoint")).Training.Seed);
}
