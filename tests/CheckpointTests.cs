using Autoencoders.Checkpoints;
using Autoencoders.Data;
using Autoencoders.Models;
using Autoencoders.Training;

namespace Autoencoders.Tests;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_metadata_records_model_shape_options_history_and_library_version()
    {
        var metadata = SaveSmall();

        var read = Checkpoint.ReadMetadata(_folder);

        Assert.Equal(metadata.Model, read.Model with { HiddenSizes = metadata.Model.HiddenSizes });
        Assert.Equal([8], read.Model.HiddenSizes!);
        Assert.Equal([16L], read.InputShape);
        Assert.Equal(2, read.History.Epochs.Count);
        Assert.Equal(Checkpoint.LibraryVersion, read.LibraryVersion);
        Assert.Equal(Checkpoint.CurrentFormatVersion, read.FormatVersion);
        Assert.NotNull(read.Environment);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void A_folder_without_a_checkpoint_says_what_to_pass()
    {
        var error = Assert.Throws<DataInputException>(() => Checkpoint.Load(_folder));

        Assert.Contains("no checkpoint.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(_folder, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_that_do_not_belong_to_the_metadata_are_detected()
    {
        SaveSmall();
        File.AppendAllText(Path.Combine(_folder, Checkpoint.WeightsFileName), "x");

        var error = Assert.Throws<DataInputException>(() => Checkpoint.Load(_folder));

        Assert.Contains("does not match", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_metadata_file_is_reported_in_one_line()
    {
        SaveSmall();
        File.WriteAllText(Path.Combine(_folder, Checkpoint.MetadataFileName), "{ not json");

        var error = Assert.Throws<DataInputException>(() => Checkpoint.Load(_folder));

        Assert.Contains("not a valid checkpoint", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_checkpoint_from_a_newer_format_asks_for_an_update()
    {
        SaveSmall();
        var path = Path.Combine(_folder, Checkpoint.MetadataFileName);
        File.WriteAllText(path, File.ReadAllText(path).Replace($"\"formatVersion\": {Checkpoint.CurrentFormatVersion}", "\"formatVersion\": 99", StringComparison.Ordinal));

        var error = Assert.Throws<DataInputException>(() => Checkpoint.Load(_folder));

        Assert.Contains("format 99", error.Message, StringComparison.Ordinal);
        Assert.Contains("update", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_of_another_shape_is_refused_with_both_shapes_named()
    {
        var metadata = SaveSmall();

        var error = Assert.Throws<DataInputException>(() => metadata.RequireInputShape([1, 28, 28], "data set 'digits'"));

        Assert.Contains("[16]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[1, 28, 28]", error.Message, StringComparison.Ordinal);
    }

    private CheckpointMetadata SaveSmall()
    {
        using var data = SyntheticData.LowRank(64, 16, rank: 2, seed: 1);
        using var model = ModelFactory.Create(new ModelOptions(ModelKind.Deep, 4, HiddenSizes: [8]), [16], seed: 1);
        var options = new TrainingOptions(Epochs: 2, BatchSize: 32);
        using var trainer = new Trainer(model, options);
        var history = trainer.Fit(data);
        return Checkpoint.Save(_folder, model, new CheckpointContent(null, options, new TrainingSelection(), history), trainer);
    }
}
