using Autoencoders.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests;

public sealed class BatchedInferenceTests
{
    [Fact]
    public void The_mean_weights_each_batch_by_its_samples_runs_in_evaluation_mode_and_restores_the_mode_without_leaks()
    {
        using var generator = new Generator(1);
        using var data = rand([10, 3], generator: generator);
        using var model = ModelFactory.Create(new ModelOptions(LatentSize: 2), [3], seed: 1);
        using var expected = data.mean();
        model.train();
        var modes = new List<(bool Training, bool Gradients)>();
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        // Batches of 4, 4 and 2: an unweighted mean of the three batch means would differ from the mean over all samples.
        var mean = BatchedInference.Mean(model, data, batch =>
        {
            modes.Add((model.training, is_grad_enabled()));
            return batch.mean();
        }, batchSize: 4);

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.Equal(expected.item<float>(), mean, 1e-6);
        Assert.Equal([(false, false), (false, false), (false, false)], modes);
        Assert.True(model.training, "the model's training mode is restored");
    }

    [Fact]
    public void Without_a_model_the_mean_is_the_same_and_needs_no_gradients()
    {
        using var generator = new Generator(2);
        using var data = rand([7, 5], generator: generator);
        using var expected = data.mean();
        var gradients = new List<bool>();

        var mean = BatchedInference.Mean(data, batch =>
        {
            gradients.Add(is_grad_enabled());
            return batch.mean();
        }, batchSize: 3);

        Assert.Equal(expected.item<float>(), mean, 1e-6);
        Assert.Equal([false, false, false], gradients);
    }
}
