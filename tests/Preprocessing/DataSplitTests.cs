using Autoencoders.Data.Preprocessing;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Preprocessing;

public class DataSplitTests
{
    [Fact]
    public void Every_sample_lands_in_exactly_one_part_with_the_rounded_share_held_out()
    {
        var (train, heldOut) = DataSplit.Indices(101, 0.25, seed: 1);

        Assert.Equal(25, heldOut.Length);
        Assert.Equal(Enumerable.Range(0, 101).Select(i => (long)i), train.Concat(heldOut).Order());
    }

    [Fact]
    public void A_stratified_split_holds_out_each_class_in_proportion()
    {
        long[] labels = [.. Enumerable.Range(0, 200).Select(i => i < 150 ? 0L : i < 190 ? 1L : 2L)];

        var (_, heldOut) = DataSplit.Indices(200, 0.2, seed: 3, labels);

        Assert.Equal(40, heldOut.Length);
        Assert.Equal(30, heldOut.Count(i => labels[i] == 0));
        Assert.Equal(8, heldOut.Count(i => labels[i] == 1));
        Assert.Equal(2, heldOut.Count(i => labels[i] == 2));
    }

    [Fact]
    public void The_same_seed_gives_the_same_split_and_another_seed_another()
    {
        Assert.Equal(DataSplit.Indices(50, 0.3, seed: 4).HeldOut, DataSplit.Indices(50, 0.3, seed: 4).HeldOut);
        Assert.NotEqual(DataSplit.Indices(50, 0.3, seed: 4).HeldOut, DataSplit.Indices(50, 0.3, seed: 5).HeldOut);
    }

    [Theory]
    [InlineData(2, 0.01)]
    [InlineData(2, 0.99)]
    [InlineData(3, 0.5)]
    public void Both_parts_keep_at_least_one_sample(long count, double fraction)
    {
        var (train, heldOut) = DataSplit.Indices(count, fraction, seed: 0);

        Assert.NotEmpty(train);
        Assert.NotEmpty(heldOut);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void A_fraction_outside_zero_to_one_is_refused(double fraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.Indices(10, fraction, seed: 0));
    }

    [Fact]
    public void The_tensor_split_keeps_features_and_labels_together_without_leaks()
    {
        using var features = arange(40, dtype: ScalarType.Float32).reshape(20, 2);
        using var labels = arange(20, dtype: ScalarType.Int64) % 2;
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        using (var split = DataSplit.TrainValidation(features, labels, 0.25, seed: 6))
        using (NewDisposeScope())
        {
            Assert.Equal([15L, 2L], split.TrainFeatures.shape);
            Assert.Equal([5L, 2L], split.ValidationFeatures.shape);
            // Row r holds (2r, 2r + 1) and label r % 2: check the pairing survived the split.
            var rows = (split.ValidationFeatures[.., 0] / 2).to_type(ScalarType.Int64);
            Assert.Equal((rows % 2).data<long>().ToArray(), split.ValidationLabels!.data<long>().ToArray());
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
