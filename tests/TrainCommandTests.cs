using Autoencoders.Pipeline.Verbs;
using System.Text.Json;
using Autoencoders.Checkpoints;
using Autoencoders.Tests.Support;
using Autoencoders.Training;

namespace Autoencoders.Tests;

public sealed class TrainCommandTests : IDisposable
{
    private readonly TempFolder _out = new();

    public void Dispose() => _out.Dispose();

    [Fact]
    public void Training_on_digits_writes_the_checkpoint_and_the_history_and_compares_with_PCA()
    {
        var (code, output, errors) = CliTests.Run("train", "--epochs", "2", "--batch-size", "512", "--out", _out.Path);

        Assert.True(code == 0, errors);
        foreach (var file in new[] { Checkpoint.WeightsFileName, Checkpoint.OptimizerFileName, Checkpoint.MetadataFileName, Workflows.HistoryFileName })
        {
            Assert.True(File.Exists(_out.File(file)), $"{file} was not written");
        }

        var history = JsonSerializer.Deserialize<TrainingHistory>(File.ReadAllText(_out.File(Workflows.HistoryFileName)), Checkpoint.JsonOptions)!;
        Assert.Equal(2, history.Epochs.Count);
        Assert.All(history.Epochs, epoch => Assert.NotNull(epoch.ValidationLoss));
        Assert.Contains("epoch   2/2", output, StringComparison.Ordinal);
        Assert.Contains("test MSE of PCA, 32 components", output, StringComparison.Ordinal);
        Assert.Equal("digits", Checkpoint.ReadMetadata(_out.Path).Recipe!.Source);
    }

    [Fact]
    public void A_resumed_run_continues_the_saved_history_up_to_the_new_epoch_count()
    {
        Assert.Equal(0, CliTests.Run("train", "--epochs", "1", "--batch-size", "512", "--out", _out.Path).Code);

        var (code, _, errors) = CliTests.Run("train", "--resume", _out.Path, "--epochs", "2", "--out", _out.Path);

        Assert.True(code == 0, errors);
        var metadata = Checkpoint.ReadMetadata(_out.Path);
        Assert.Equal([1, 2], metadata.History.Epochs.Select(e => e.Epoch));
        Assert.Equal(512, metadata.Training.BatchSize);
    }

    [Fact]
    public void The_sequence_model_trains_on_windows_of_the_sensor_series_and_saves_the_standard_scaler()
    {
        var sensors = Path.Combine(RepositoryPaths.Root, "data", "sensors.csv");

        var (code, output, errors) = CliTests.Run("train", "--dataset", sensors, "--model", "sequence", "--window", "32", "--stride", "16",
            "--columns", "temperature,pressure,vibration", "--label-column", "anomaly", "--latent", "8", "--epochs", "1", "--out", _out.Path);

        Assert.True(code == 0, errors);
        Assert.Contains("[32, 3]", output, StringComparison.Ordinal);
        var recipe = Checkpoint.ReadMetadata(_out.Path).Recipe!;
        Assert.Equal(Autoencoders.Data.DataFormat.Windows, recipe.Format);
        // Windows are z-normalised with the training statistics unless --scaling says otherwise.
        Assert.Equal(Autoencoders.Data.Preprocessing.ScalingKind.Standard, recipe.Scaler!.Kind);
        Assert.Equal(3, recipe.Scaler.Offsets.Count);
        Assert.Equal(["temperature", "pressure", "vibration"], recipe.Columns!);
        Assert.Equal(32, recipe.Options.Window);
        Assert.Equal(16, recipe.Options.Stride);
        Assert.Equal("anomaly", recipe.Options.LabelColumn);
    }

    [Fact]
    public void A_run_interrupted_before_its_first_epoch_keeps_the_previous_checkpoint_and_exits_with_130()
    {
        Assert.Equal(0, CliTests.Run("train", "--epochs", "1", "--batch-size", "512", "--out", _out.Path).Code);
        var before = File.ReadAllText(_out.File(Checkpoint.MetadataFileName));
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        var (code, output, _) = CliTests.Run(stop.Token, "train", "--epochs", "3", "--out", _out.Path);

        Assert.Equal(130, code);
        Assert.Contains("nothing saved", output, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(_out.File(Checkpoint.MetadataFileName)));
    }

    [Theory]
    [InlineData("is not a model", "train", "--model", "resnet")]
    [InlineData("is not a loss", "train", "--loss", "hinge")]
    [InlineData("--hidden '64,x'", "train", "--hidden", "64,x")]
    [InlineData("--validation must be at least 0 and below 1", "train", "--validation", "1.5")]
    [InlineData("--score 'zscore' is not a score", "train", "--score", "zscore")]
    [InlineData("--contamination must be a share in (0, 0.5]", "train", "--contamination", "0.7")]
    [InlineData("--normal-class and --exclude-class cannot be given together", "train", "--normal-class", "1", "--exclude-class", "2")]
    [InlineData("use an image data set", "train", "--model", "conv", "--dataset", "SENSORS")]
    [InlineData("not a .csv file", "train", "--window", "10")]
    [InlineData("the window must be at least 1 step (got 0)", "train", "--window", "0", "--dataset", "SENSORS")]
    [InlineData("the stride must be at least 1 step (got 0)", "train", "--stride", "0")]
    [InlineData("--loss bce needs outputs between 0 and 1", "train", "--model", "linear", "--loss", "bce")]
    [InlineData("no checkpoint.json", "train", "--resume", "MISSING")]
    public void Bad_settings_exit_with_two_and_one_line(string problem, params string[] args)
    {
        var sensors = Path.Combine(RepositoryPaths.Root, "data", "sensors.csv");
        var (code, output, errors) = CliTests.Run([.. args.Select(arg => arg switch { "SENSORS" => sensors, "MISSING" => _out.Path, _ => arg }), "--out", _out.Path]);

        Assert.Equal(2, code);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(problem, errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors + output, StringComparison.Ordinal);
    }
}
