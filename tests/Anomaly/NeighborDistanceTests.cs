using Autoencoders.Evaluation.Anomaly;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Anomaly;

public sealed class NeighborDistanceTests
{
    [Fact]
    public void The_kth_nearest_distance_matches_a_hand_made_example_in_any_block_size()
    {
        using var reference = tensor(new float[] { 0, 0, 3, 0, 0, 4, 10, 10 }, [4, 2]);
        using var queries = tensor(new float[] { 0, 0, 3, 4, 6, 8 }, [3, 2]);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        // (0, 0): distances 0, 3, 4, 14.1; (3, 4): 5, 4, 3, 9.2; (6, 8): 10, 8.5, 7.2, 4.5.
        var nearest = NeighborDistance.KthNearest(reference, queries, k: 1, batchSize: 2);
        var second = NeighborDistance.KthNearest(reference, queries, k: 2);

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        // float32 distances of small integers: exact to a few ulps.
        Assert.Equal([0, 3, Math.Sqrt(20)], nearest, (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.Equal([3, 4, Math.Sqrt(52)], second, (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void Images_are_flattened_and_mismatched_sizes_or_k_are_refused()
    {
        using var scope = NewDisposeScope();
        var reference = zeros(3, 1, 2, 2);

        Assert.Equal([2.0], NeighborDistance.KthNearest(reference, ones(1, 1, 2, 2), k: 3), (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Throws<ArgumentOutOfRangeException>(() => NeighborDistance.KthNearest(reference, ones(1, 4), k: 4));
        Assert.Throws<ArgumentException>(() => NeighborDistance.KthNearest(reference, ones(1, 5)));
    }
}
