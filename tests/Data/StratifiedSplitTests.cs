using Autoencoders.Data;

namespace Autoencoders.Tests.Data;

public class StratifiedSplitTests
{
    [Theory]
    [InlineData(10, 3)]
    [InlineData(1001, 7)]
    [InlineData(37, 1)]
    public void Each_class_gives_its_share_to_the_test_split_and_the_total_is_exact(int count, int classCount)
    {
        var classes = Enumerable.Range(0, count).Select(index => (byte)((index * index) % classCount)).ToArray();

        var (train, test) = StratifiedSplit.Indices(count, classes, 0.2, seed: 1);

        Assert.Equal((int)Math.Round(count * 0.2, MidpointRounding.AwayFromZero), test.Length);
        Assert.Equal(Enumerable.Range(0, count).Select(index => (long)index), train.Concat(test).Order());
        foreach (var group in classes.Select((label, index) => (label, index)).GroupBy(item => item.label))
        {
            var inTest = test.Count(index => classes[index] == group.Key);
            Assert.InRange(inTest, (0.2 * group.Count()) - 1, (0.2 * group.Count()) + 1);
        }
    }

    [Fact]
    public void Without_classes_the_split_is_a_seeded_80_20_partition()
    {
        var (train, test) = StratifiedSplit.Indices(50, null, 0.2, seed: 3);
        var (sameTrain, _) = StratifiedSplit.Indices(50, null, 0.2, seed: 3);

        Assert.Equal(40, train.Length);
        Assert.Equal(10, test.Length);
        Assert.Equal(train, sameTrain);
    }
}
