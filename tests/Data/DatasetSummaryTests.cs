using Autoencoders.Data;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Data;

public class DatasetSummaryTests
{
    private static readonly float[] TrainValues = [0f, 0.5f, 1f, 0.5f];
    private static readonly long[] TrainLabels = [0, 2];
    private static readonly float[] TestValues = [0.25f, 0.75f];
    private static readonly long[] TestLabels = [2];

    [Fact]
    public void The_summary_counts_samples_and_classes_and_gives_range_and_mean()
    {
        using var data = new Dataset("tiny", "memory",
            tensor(TrainValues, [2, 2]), tensor(TrainLabels),
            tensor(TestValues, [1, 2]), tensor(TestLabels),
            ["zero", "one", "two"]);

        var summary = DatasetSummary.Of(data);

        Assert.Equal((2L, 1L), (summary.TrainCount, summary.TestCount));
        Assert.Equal([2L], summary.SampleShape);
        Assert.Equal(0.0, summary.Minimum);
        Assert.Equal(1.0, summary.Maximum);
        Assert.Equal(0.5, summary.Mean, precision: 12); // (0 + .5 + 1 + .5 + .25 + .75) / 6
        Assert.Equal(
            [new ClassCount(0, "zero", 1, 0), new ClassCount(1, "one", 0, 0), new ClassCount(2, "two", 1, 1)],
            summary.Classes);
    }
}
