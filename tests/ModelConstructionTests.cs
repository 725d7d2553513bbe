using Autoencoders.Models;
using TorchSharp;

namespace Autoencoders.Tests;

public sealed class ModelConstructionTests
{
    [Theory]
    [InlineData(ModelKind.Dense, new long[] { 1, 28, 28 })]
    [InlineData(ModelKind.Conv, new long[] { 1, 28, 28 })]
    [InlineData(ModelKind.Denoising, new long[] { 1, 28, 28 })]
    [InlineData(ModelKind.Vae, new long[] { 1, 28, 28 })]
    [InlineData(ModelKind.Sequence, new long[] { 32, 3 })]
    public void Building_and_disposing_a_model_leaves_no_tensor_alive(ModelKind kind, long[] shape)
    {
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        using (ModelFactory.Create(new ModelOptions(kind, LatentSize: 8), shape, seed: 3))
        {
        }

        // The conv layers' weight initialisation left 4 tensors behind per model before the factory built it in a scope.
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void A_model_built_twice_with_one_seed_has_the_same_weights()
    {
        using var first = ModelFactory.Create(new ModelOptions(ModelKind.Conv, LatentSize: 8), [1, 28, 28], seed: 5);
        using var second = ModelFactory.Create(new ModelOptions(ModelKind.Conv, LatentSize: 8), [1, 28, 28], seed: 5);

        foreach (var ((name, a), (_, b)) in first.state_dict().Zip(second.state_dict()))
        {
            Assert.True(a.equal(b).all().item<bool>(), name);
        }
    }
}
