using Autoencoders.Evaluation.Anomaly;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Anomaly;

public sealed class ReferenceSampleTests
{
    [Fact]
    public void Below_the_cap_every_code_is_kept_and_above_it_a_seeded_ascending_sample_of_the_caps_size()
    {
        Assert.Null(ReferenceSample.Choose(10, 10, seed: 1));
        var kept = ReferenceSample.Choose(30, 10, seed: 1)!;

        Assert.Equal(10, kept.Distinct().Count());
        Assert.Equal(kept.Order(), kept);
        Assert.Equal(kept, ReferenceSample.Choose(30, 10, seed: 1));
        Assert.NotEqual(kept, ReferenceSample.Choose(30, 10, seed: 2));
    }

    [Fact]
    public void A_kept_code_is_measured_to_the_others_kept_and_every_other_code_to_all_kept_ones()
    {
        using var generator = new Generator(4);
        using var codes = randn(30, 2, generator: generator);
        var kept = ReferenceSample.Choose(30, 10, seed: 3)!;
        const int K = 2;

        var distances = ReferenceSample.TrainingDistances(codes, kept, K, (reference, queries, k) => NeighborDistance.KthNearest(reference, queries, k));

        // Independent oracle: plain Euclidean distances in double, sorted.
        var points = codes.to_type(ScalarType.Float64).data<double>().ToArray();
        double Distance(long a, long b) => Math.Sqrt(Math.Pow(points[2 * a] - points[2 * b], 2) + Math.Pow(points[(2 * a) + 1] - points[(2 * b) + 1], 2));
        for (long row = 0; row < 30; row++)
        {
            var expected = kept.Where(other => other != row).Select(other => Distance(row, other)).Order().ElementAt(K - 1);
            Assert.Equal(expected, distances[row], 1e-5);
        }
    }
}
