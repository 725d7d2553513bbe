using Autoencoders.Data.Preprocessing;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Preprocessing;

public class MiniBatchesTests
{
    private static long[][] Order(long count, int batchSize, long seed) =>
        [.. MiniBatches.ShuffledIndices(count, batchSize, seed).Select(batch => batch.data<long>().ToArray())];

    [Fact]
    public void Every_index_appears_once_and_the_last_partial_batch_is_kept()
    {
        var batches = Order(10, 4, seed: 1);

        Assert.Equal([4, 4, 2], batches.Select(batch => batch.Length));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), batches.SelectMany(batch => batch).Order());
    }

    [Fact]
    public void The_same_seed_gives_the_same_order_and_another_seed_another()
    {
        Assert.Equal(Order(50, 8, seed: 2), Order(50, 8, seed: 2));
        Assert.NotEqual(Order(50, 8, seed: 2).SelectMany(b => b), Order(50, 8, seed: 3).SelectMany(b => b));
        Assert.NotEqual(Enumerable.Range(0, 50).Select(i => (long)i), Order(50, 8, seed: 2).SelectMany(b => b));
    }

    [Fact]
    public void A_shared_generator_draws_the_whole_order_first_so_draws_inside_the_loop_do_not_change_it()
    {
        using var scope = NewDisposeScope();
        using var reference = new Generator(7);
        var expectedOrder = randperm(10, generator: reference).data<long>().ToArray();
        var expectedFirstDraw = randn(3, generator: reference).data<float>().ToArray();
        using var shared = new Generator(7);
        var order = new List<long>();
        var draws = new List<float[]>();

        foreach (var batch in MiniBatches.ShuffledIndices(10, 4, shared))
        {
            order.AddRange(batch.data<long>().ToArray());
            draws.Add(randn(3, generator: shared).data<float>().ToArray());
        }

        Assert.Equal(expectedOrder, order);
        Assert.Equal(expectedFirstDraw, draws[0]);
        Assert.Equal(Order(10, 4, seed: 7).SelectMany(b => b), order);
    }

    [Fact]
    public void Sample_batches_keep_each_sample_with_its_label()
    {
        using var scope = NewDisposeScope();
        var features = arange(30, dtype: ScalarType.Float32).reshape(10, 3);
        var labels = arange(10, dtype: ScalarType.Int64) * 3;
        var shapes = new List<long[]>();

        foreach (var batch in MiniBatches.Shuffled(features, labels, batchSize: 4, seed: 4))
        {
            shapes.Add(batch.Features.shape);
            // Row r starts with 3r, and its label is 3r.
            Assert.Equal(batch.Labels!.data<long>().ToArray(), batch.Features[.., 0].to_type(ScalarType.Int64).data<long>().ToArray());
        }

        Assert.Equal([[4L, 3L], [4L, 3L], [2L, 3L]], shapes);
    }

    [Fact]
    public void The_enumerator_disposes_its_batches_even_when_the_loop_stops_early()
    {
        using var scope = NewDisposeScope();
        var features = rand(20, 5);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        foreach (var batch in MiniBatches.Shuffled(features, null, batchSize: 3, seed: 5))
        {
            Assert.Null(batch.Labels);
        }

        foreach (var batch in MiniBatches.Shuffled(features, null, batchSize: 3, seed: 5))
        {
            break;
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void A_batch_size_below_one_is_refused_before_enumerating()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MiniBatches.ShuffledIndices(10, 0, seed: 0));
    }
}
