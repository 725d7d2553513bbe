using Autoencoders.Data;
using Autoencoders.Models;
using Autoencoders.Pipeline;
using Autoencoders.Training;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Pipeline;

public class TrainingSummaryTests
{
    [Fact]
    public void Bce_is_left_out_and_said_so_when_the_test_data_lie_outside_the_unit_range()
    {
        using var data = Table(testOffset: 0.5f);
        using var trained = ModelTraining.Train(data, new ModelOptions(ModelKind.Dense, LatentSize: 2), new TrainingOptions(Epochs: 1, BatchSize: 16));

        var summary = TrainingSummary.Of(trained, data);

        Assert.Null(summary.TestBce);
        Assert.Contains(summary.Omitted, omitted => omitted.Metric == "bce" && omitted.Reason.Contains("[0, 1]", StringComparison.Ordinal));
        Assert.NotNull(summary.TestMse);
    }

    [Fact]
    public void Bce_is_measured_for_sigmoid_outputs_on_data_in_the_unit_range()
    {
        using var data = Table(testOffset: 0f);
        using var trained = ModelTraining.Train(data, new ModelOptions(ModelKind.Dense, LatentSize: 2), new TrainingOptions(Epochs: 1, BatchSize: 16));

        var summary = TrainingSummary.Of(trained, data);

        Assert.NotNull(summary.TestBce);
        Assert.DoesNotContain(summary.Omitted, omitted => omitted.Metric == "bce");
        Assert.Equal(2, summary.PcaComponents);
    }

    private static Dataset Table(float testOffset)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(7);
        var train = rand([64, 6], generator: generator);
        var test = rand([16, 6], generator: generator) + testOffset;
        return new Dataset("table", "memory", train, null, test, null);
    }

    [Fact]
    public void The_evaluation_leaves_out_the_pca_baseline_when_the_code_is_as_large_as_the_data()
    {
        using var data = Table(testOffset: 0f);
        using var wide = ModelTraining.Train(data, new ModelOptions(ModelKind.Dense, LatentSize: 8), new TrainingOptions(Epochs: 1, BatchSize: 16));
        using var narrow = ModelTraining.Train(data, new ModelOptions(ModelKind.Dense, LatentSize: 2), new TrainingOptions(Epochs: 1, BatchSize: 16));

        using var wideResult = ModelEvaluation.Evaluate(wide, data);
        using var narrowResult = ModelEvaluation.Evaluate(narrow, data);

        Assert.Null(wideResult.Report.Pca);
        Assert.Contains(wideResult.Report.Omitted, omitted => omitted.Metric == "pca");
        Assert.Equal(2, narrowResult.Report.Pca!.Components);
        Assert.DoesNotContain(narrowResult.Report.Omitted, omitted => omitted.Metric == "pca");
    }
}
