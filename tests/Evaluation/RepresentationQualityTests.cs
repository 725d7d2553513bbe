using Autoencoders.Evaluation;
using Autoencoders.Models;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Evaluation;

public class RepresentationQualityTests
{
    private static readonly double[] Queries = [0.5, 11.5, 1.6];

    [Fact]
    public void Nearest_neighbours_take_the_majority_label()
    {
        using var scope = NewDisposeScope();
        var reference = tensor(new double[] { 0, 1, 2, 10, 11, 12, 1.4 }).unsqueeze(1);
        var labels = tensor(new long[] { 0, 0, 0, 1, 1, 1, 1 });
        var queries = tensor(Queries).unsqueeze(1);

        // 1.6: nearest three are 1.4 (label 1), 2 and 1 (label 0): two votes beat the closer single one.
        Assert.Equal([0L, 1L, 0L], NearestNeighbors.Predict(reference, labels, queries, k: 3).data<long>().ToArray());
        Assert.Equal(2.0 / 3, NearestNeighbors.Accuracy(reference, labels, queries, tensor(new long[] { 0, 1, 1 }), k: 3), 12);
    }

    [Fact]
    public void A_tie_goes_to_the_label_whose_nearest_member_is_closest()
    {
        using var scope = NewDisposeScope();
        var reference = tensor(new double[] { 1, -2, -1, 2 }).unsqueeze(1);
        var labels = tensor(new long[] { 1, 0, 0, 1 });
        var queries = tensor(new double[] { 0.1, -0.1 }).unsqueeze(1);

        // Each query has one neighbour of each label among k = 2 (votes 1 : 1); the closer one decides.
        Assert.Equal([1L, 0L], NearestNeighbors.Predict(reference[..2], labels[..2], queries[..1], k: 2).data<long>().ToArray().Concat(
            NearestNeighbors.Predict(reference[2..], labels[2..], queries[1..], k: 2).data<long>().ToArray()));
    }

    [Fact]
    public void Nearest_neighbour_predictions_do_not_depend_on_the_batch_size()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(4);
        var reference = randn([300, 8], generator: generator);
        var labels = randint(0, 4, [300], generator: generator);
        var queries = randn([50, 8], generator: generator);

        // Exact, because labels are discrete: the float32 distances of two batchings differ by ~1e-6 (measured 8e-7
        // against float64), but each query's six nearest distances here are at least 4e-4 apart, so no rounding reorders them.
        Assert.Equal(
            NearestNeighbors.Predict(reference, labels, queries, batchSize: 1024).data<long>().ToArray(),
            NearestNeighbors.Predict(reference, labels, queries, batchSize: 7).data<long>().ToArray());
    }

    [Fact]
    public void The_identity_embedding_is_fully_trustworthy()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        var points = randn([60, 5], generator: generator);

        Assert.Equal(1.0, Trustworthiness.Compute(points, points), 12);
    }

    [Fact]
    public void A_random_embedding_is_clearly_less_trustworthy()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(6);
        var points = randn([120, 10], generator: generator);
        var embedding = randn([120, 2], generator: generator);

        Assert.InRange(Trustworthiness.Compute(points, embedding), 0.0, 0.7);
    }

    [Fact]
    public void Trustworthiness_of_a_small_case_matches_a_direct_computation()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(7);
        var points = randn([12, 3], generator: generator, dtype: ScalarType.Float64);
        var embedding = points[.., ..1] + 0.3 * randn([12, 1], generator: generator, dtype: ScalarType.Float64);

        var expected = DirectTrustworthiness(Rows(points), Rows(embedding), k: 3);

        Assert.Equal(expected, Trustworthiness.Compute(points, embedding, neighbors: 3), 12);
        Assert.InRange(expected, 0.0, 0.999);
    }

    [Fact]
    public void Trustworthiness_needs_fewer_neighbours_than_half_the_points()
    {
        using var scope = NewDisposeScope();
        var points = randn(10, 3);

        Assert.Throws<ArgumentOutOfRangeException>(() => Trustworthiness.Compute(points, points, neighbors: 5));
    }

    [Fact]
    public void Latent_codes_are_the_models_codes_in_any_batch_size()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(8);
        var data = rand([9, 16], generator: generator);
        using var model = ModelFactory.Create(new ModelOptions(ModelKind.Dense, LatentSize: 3), [16], seed: 8);

        var codes = LatentCodes.Encode(model, data, batchSize: 4);

        using var noGrad = no_grad();
        Assert.Equal([9L, 3L], codes.shape);
        // Batches of 4 and of 9 take different float32 matrix-multiply kernels: codes below 1 in size agree to a few
        // ulps (~1e-7; measured 3e-8), while a row taken from the wrong place is another sample's code.
        Assert.True(codes.allclose(model.Encode(data), rtol: 0, atol: 1e-6));
    }

    private static double[][] Rows(Tensor points)
    {
        var width = (int)points.shape[1];
        return [.. points.data<double>().ToArray().Chunk(width)];
    }

    // Venna & Kaski's definition, term by term: ranks among the original-space neighbours (self excluded).
    private static double DirectTrustworthiness(double[][] original, double[][] embedded, int k)
    {
        static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (u, v) => (u - v) * (u - v)).Sum());
        var n = original.Length;
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var others = Enumerable.Range(0, n).Where(j => j != i).ToList();
            var byOriginal = others.OrderBy(j => Distance(original[i], original[j])).ToList();
            foreach (var j in others.OrderBy(j => Distance(embedded[i], embedded[j])).Take(k))
            {
                var rank = byOriginal.IndexOf(j) + 1;
                sum += Math.Max(0, rank - k);
            }
        }

        return 1 - 2.0 / (n * k * (2.0 * n - 3.0 * k - 1)) * sum;
    }
}
