using Autoencoders.Pipeline;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests;

/// <summary>Ctrl+C stops evaluate and run too: exit 130, and their outputs keep the previous results.</summary>
public sealed class InterruptCommandTests(EvaluateFixture checkpoints) : IClassFixture<EvaluateFixture>, IDisposable
{
    private readonly TempFolder _out = new();

    public void Dispose() => _out.Dispose();

    [Fact]
    public void An_interrupted_evaluate_exits_130_and_leaves_the_previous_evaluation()
    {
        var folder = _out.File("evaluation");
        Assert.Equal(0, CliTests.Run("evaluate", "--checkpoint", checkpoints.Vae.Path, "--threads", "1", "--out", folder).Code);
        var before = File.ReadAllText(Path.Combine(folder, EvaluationReport.FileName));
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        var (code, output, _) = CliTests.Run(stop.Token, "evaluate", "--checkpoint", checkpoints.WithoutZeros.Path, "--threads", "1", "--out", folder);

        Assert.Equal(130, code);
        Assert.Contains("Interrupted: nothing written", output, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(folder, EvaluationReport.FileName)));
    }

    [Fact]
    public void An_interrupted_run_exits_130_and_writes_nothing()
    {
        var folder = _out.File("out");
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        var (code, _, errors) = CliTests.Run(stop.Token, "run", "--model", "dense", "--epochs", "1", "--threads", "1", "--out", folder);

        Assert.True(code == 130, errors);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }
}
