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

    [Theory]
    [InlineData(10, 3)]
    [InlineData(1001, 7)]
    [InlineData(37, 1)]
    public void Each_class_gives_its_share_to_the_held_out_part_and_the_total_is_exact(int count, int classCount)
    {
        long[] labels = [.. Enumerable.Range(0, count).Select(index => (long)((index * index) % classCount))];

        var (train, heldOut) = DataSplit.Indices(count, 0.2, seed: 1, labels);

        Assert.Equal((int)Math.Round(count * 0.2, MidpointRounding.AwayFromZero), heldOut.Length);
        Assert.Equal(Enumerable.Range(0, count).Select(index => (long)index), train.Concat(heldOut).Order());
        foreach (var group in labels.Select((label, index) => (label, index)).GroupBy(item => item.label))
        {
            var inHeldOut = heldOut.Count(index => labels[index] == group.Key);
            Assert.InRange(inHeldOut, (0.2 * group.Count()) - 1, (0.2 * group.Count()) + 1);
        }
    }

    [Fact]
    public void Samples_missing_after_rounding_down_go_to_the_largest_remainder_and_a_tie_to_the_smaller_label()
    {
        // Classes 7 (5 samples), 3 (5) and 9 (2), fraction 0.25: shares 1.25, 1.25 and 0.5 round down to 1, 1 and 0,
        // and the total round(12 · 0.25) = 3 misses one. Class 9 lost most (0.5) and gets it; then classes 3 and 7
        // tie, which a fraction of 0.3 shows: shares 1.5, 1.5, 0.6 → 1, 1, 0, total round(3.6) = 4 misses two, and
        // class 9 (0.6) and class 3 (the smaller of the tied labels) get one each.
        long[] labels = [7, 7, 7, 7, 7, 3, 3, 3, 3, 3, 9, 9];

        var (_, quarter) = DataSplit.Indices(12, 0.25, seed: 2, labels);
        var (_, threeTenths) = DataSplit.Indices(12, 0.3, seed: 2, labels);

        Assert.Equal([1, 1, 1], new long[] { 3, 7, 9 }.Select(label => quarter.Count(index => labels[index] == label)));
        Assert.Equal([2, 1, 1], new long[] { 3, 7, 9 }.Select(label => threeTenths.Count(index => labels[index] == label)));
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
        Assert.Equal(DataSplit.Indices(50, 0.3, seed: 4).Train, DataSplit.Indices(50, 0.3, seed: 4).Train);
        Assert.NotEqual(DataSplit.Indices(50, 0.3, seed: 4).HeldOut, DataSplit.Indices(50, 0.3, seed: 5).HeldOut);
    }

    [Fact]
    public void Without_labels_the_split_is_a_seeded_80_20_partition()
    {
        var (train, heldOut) = DataSplit.Indices(50, 0.2, seed: 3);

        Assert.Equal(40, train.Length);
        Assert.Equal(10, heldOut.Length);
    }

    [Fact]
    public void The_order_option_changes_only_the_order_ascending_keeps_file_order_and_shuffled_mixes_class_blocks()
    {
        // Stored class by class, as the digits file is: 100 samples of each of 10 classes.
        long[] labels = [.. Enumerable.Range(0, 1000).Select(index => (long)(index / 100))];

        var ascending = DataSplit.Indices(1000, 0.2, seed: 5, labels);
        var shuffled = DataSplit.Indices(1000, 0.2, seed: 5, labels, SplitOrder.Shuffled);

        Assert.Equal(ascending.HeldOut, shuffled.HeldOut.Order());
        Assert.Equal(ascending.Train, shuffled.Train.Order());
        Assert.Equal(ascending.HeldOut.Order(), ascending.HeldOut);
        Assert.Equal(ascending.Train.Order(), ascending.Train);
        var classesAmongFirstTwenty = shuffled.HeldOut.Take(20).Select(index => labels[index]).Distinct().Count();
        Assert.True(classesAmongFirstTwenty >= 5, $"only {classesAmongFirstTwenty} classes among the first 20 held-out samples");
        Assert.True(shuffled.Train.Take(20).Select(index => labels[index]).Distinct().Count() >= 5);
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
