using Autoencoders.Checkpoints;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests;

/// <summary>`train --resume` continues the saved run: on its own data and settings, with its optimiser state, or not at all.</summary>
public sealed class ResumeCommandTests : IDisposable
{
    private readonly TempFolder _out = new();

    public void Dispose() => _out.Dispose();

    [Fact]
    public void Without_dataset_a_resumed_run_trains_on_the_checkpoints_own_data()
    {
        var sensors = Path.Combine(RepositoryPaths.Root, "data", "sensors.csv");
        Assert.Equal(0, CliTests.Run("train", "--dataset", sensors, "--label-column", "anomaly", "--epochs", "1", "--threads", "1", "--out", _out.Path).Code);

        var (code, output, errors) = CliTests.Run("train", "--resume", _out.Path, "--epochs", "2", "--threads", "1", "--out", _out.Path);

        Assert.True(code == 0, errors);
        Assert.Contains("on sensors", output, StringComparison.Ordinal);
        var metadata = Checkpoint.ReadMetadata(_out.Path);
        Assert.Equal(sensors, metadata.Recipe!.Source);
        Assert.Equal([1, 2], metadata.History.Epochs.Select(e => e.Epoch));
    }

    public static TheoryData<string[], string> Contradictions => new()
    {
        { ["--lr", "0.1"], "--lr cannot be given with --resume: a resumed run keeps the model, data and training options of its checkpoint" },
        { ["--latent", "8"], "--latent cannot be given with --resume" },
        { ["--model=conv"], "--model cannot be given with --resume" },
        { ["--exclude-class", "3"], "--exclude-class cannot be given with --resume" },
        { ["--dataset", "data/sensors.csv"], "was trained on digits, not data/sensors.csv: a resumed run continues on the same data" },
    };

    [Theory]
    [MemberData(nameof(Contradictions))]
    public void An_option_that_would_change_the_run_is_refused_in_one_line(string[] option, string expected)
    {
        TrainOnce();
        var before = File.ReadAllBytes(_out.File(Checkpoint.MetadataFileName));

        var (code, _, errors) = CliTests.Run(["train", "--resume", _out.Path, "--epochs", "2", .. option, "--threads", "1", "--out", _out.Path]);

        Assert.True(code == 2, $"exit {code}: {errors}");
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, errors, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_out.File(Checkpoint.MetadataFileName)));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("truncated")]
    [InlineData("foreign")]
    public void A_missing_or_damaged_optimiser_state_is_refused_not_silently_restarted(string damage)
    {
        TrainOnce();
        var optimizer = _out.File(Checkpoint.OptimizerFileName);
        switch (damage)
        {
            case "missing":
                File.Delete(optimizer);
                break;
            case "truncated":
                File.WriteAllBytes(optimizer, File.ReadAllBytes(optimizer)[..100]);
                break;
            default:
                File.WriteAllBytes(optimizer, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]);
                break;
        }

        var (code, _, errors) = CliTests.Run("train", "--resume", _out.Path, "--epochs", "2", "--threads", "1", "--out", _out.Path);

        Assert.True(code == 2, $"exit {code}: {errors}");
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("optimizer.bin is missing or does not match the SHA-256 recorded in checkpoint.json", errors, StringComparison.Ordinal);
        Assert.Single(Checkpoint.ReadMetadata(_out.Path).History.Epochs);
    }

    private void TrainOnce() =>
        Assert.Equal(0, CliTests.Run("train", "--epochs", "1", "--batch-size", "512", "--threads", "1", "--out", _out.Path).Code);
}
