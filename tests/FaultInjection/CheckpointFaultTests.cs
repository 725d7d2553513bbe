using Autoencoders.Pipeline.Verbs;
using System.Text.Json;
using Autoencoders.Checkpoints;
using Autoencoders.Tests.Support;
using Autoencoders.Training;

namespace Autoencoders.Tests.FaultInjection;

/// <summary>
/// What the fault probe of issue 14 did, as tests: the trainer (a child process) killed at each step of a checkpoint's
/// replacement and at random moments, interrupted by SIGINT or SIGTERM and resumed, and raced by a second writer. After
/// every fault the folder is a whole checkpoint, the old one or the new one.
/// </summary>
[Collection(FaultInjectionGroup.Name)]
public sealed class CheckpointFaultTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Folder => _temp.File("checkpoint");

    public static TheoryData<string, bool, int> SaveSteps => new()
    {
        // (where the process is killed, folders swapped by two renames instead of one exchange, epochs the folder then holds)
        { "swap", false, 1 },
        { "cleanup", false, 2 },
        { "swap", true, 1 },
        { "between-renames", true, 1 },
        { "cleanup", true, 2 },
    };

    [Theory]
    [MemberData(nameof(SaveSteps))]
    public void Killed_at_a_step_of_the_save_the_folder_is_the_whole_old_or_new_checkpoint(string step, bool twoRenames, int epochs)
    {
        TrainInProcess(epochs: 1);
        var setting = $"pause-at:{step}:60000{(twoRenames ? ":two-renames" : "")}";
        using (var child = CliChild.Start(new Dictionary<string, string> { ["AUTOENCODERS_FAULT_INJECTION"] = setting }, Train(epochs: 2)))
        {
            Assert.True(child.WaitForLine(line => line == $"fault-injection: at {step}", Patience), $"never reached {step}: {child.Output}\n{child.Errors}");
            child.KillHard();
        }

        using var loaded = Checkpoint.Load(Folder);
        Assert.Equal(epochs, loaded.Metadata.History.Epochs.Count);
        Assert.NotNull(loaded.OptimizerStatePath);
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void Killed_at_random_moments_the_folder_is_always_a_loadable_checkpoint()
    {
        TrainInProcess(epochs: 1);
        var random = new Random(14);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using (var child = CliChild.Start(null, Train(epochs: 2)))
            {
                Thread.Sleep(random.Next(500, 6000));
                child.KillHard();
            }

            using var loaded = Checkpoint.Load(Folder);
            Assert.InRange(loaded.Metadata.History.Epochs.Count, 1, 2);
        }

        Assert.Empty(Leftovers());
    }

    [Theory]
    [InlineData(CliChild.Interrupt)]
    [InlineData(CliChild.Terminate)]
    public void Stopped_by_a_signal_and_resumed_the_run_equals_an_uninterrupted_one(int signal)
    {
        if (signal == CliChild.Interrupt && CliChild.InterruptIgnored)
        {
            return; // the test runner was started with SIGINT ignored (a background job): its children cannot get it either
        }

        var straight = _temp.File("straight");
        Assert.Equal(0, CliTests.Run([.. Train(epochs: 6, folder: straight)]).Code);

        using (var child = CliChild.Start(null, Train(epochs: 6)))
        {
            Assert.True(child.WaitForLine(line => line.StartsWith("epoch   2/6", StringComparison.Ordinal), Patience), child.Output + child.Errors);
            child.Signal(signal);
            Assert.Equal(signal == CliChild.Terminate ? 143 : 130, child.WaitForExit(Patience));
        }

        var interrupted = History(Folder);
        Assert.Equal(StopReason.Cancelled, interrupted.StopReason);
        Assert.InRange(interrupted.Epochs.Count, 2, 5);
        var (code, _, errors) = CliTests.Run("train", "--resume", Folder, "--epochs", "6", "--threads", "1", "--out", Folder);

        Assert.True(code == 0, errors);
        Assert.Equal(History(straight).Epochs.Select(e => (e.Loss, e.ValidationLoss)), History(Folder).Epochs.Select(e => (e.Loss, e.ValidationLoss)));
    }

    [Fact]
    public void A_second_writer_of_the_same_folder_is_refused_naming_the_first()
    {
        using var first = CliChild.Start(null, Train(epochs: 200));
        Assert.True(first.WaitForLine(line => line.StartsWith("epoch   1/200", StringComparison.Ordinal), Patience), first.Output + first.Errors);

        var (code, _, errors) = CliTests.Run([.. Train(epochs: 1)]);

        Assert.Equal(2, code);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"is being written by another process (pid {first.Pid}, train, since ", errors, StringComparison.Ordinal);
        first.Signal(CliChild.Terminate);
        Assert.Equal(143, first.WaitForExit(Patience));

        // The lock went with the process: the next writer takes it over.
        Assert.Equal(0, CliTests.Run([.. Train(epochs: 1)]).Code);
    }

    private string[] Train(int epochs, string? folder = null) =>
        ["train", "--epochs", $"{epochs}", "--batch-size", "256", "--threads", "1", "--out", folder ?? Folder];

    private void TrainInProcess(int epochs)
    {
        var (code, _, errors) = CliTests.Run(Train(epochs));
        Assert.True(code == 0, errors);
    }

    private static TrainingHistory History(string folder) =>
        JsonSerializer.Deserialize<TrainingHistory>(File.ReadAllText(Path.Combine(folder, Workflows.HistoryFileName)), Checkpoint.JsonOptions)!;

    private List<string> Leftovers() =>
        [.. Directory.EnumerateFileSystemEntries(_temp.Path).Select(entry => Path.GetFileName(entry)).Where(name => name.StartsWith("checkpoint.", StringComparison.Ordinal))];
}

/// <summary>The fault-injection tests run one at a time: each starts processes that train.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultInjectionGroup
{
    public const string Name = "fault injection";
}
