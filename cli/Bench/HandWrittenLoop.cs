using Autoencoders.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Autoencoders.Cli.Bench;

/// <summary>
/// The minimal TorchSharp training loop the trainer is compared with: Adam, MSE, randperm shuffling, one dispose
/// scope per batch and one read of the loss per batch (the trainer reads it to check for NaN and to average it), and,
/// like the trainer, a collection every <paramref name="batchesPerFinalization"/> batches that finalizes the Scalars
/// TorchSharp's Adam leaves behind (null: never, as a loop that does not know about them).
/// </summary>
internal sealed class HandWrittenLoop(Autoencoder model, int batchSize, double learningRate, long seed, int? batchesPerFinalization = HandWrittenLoop.TrainerFinalization)
    : IDisposable
{
    /// <summary>What <see cref="Training.Trainer"/> does.</summary>
    public const int TrainerFinalization = 8;

    private readonly Adam _optimizer = optim.Adam(model.parameters(), learningRate);
    private int _epoch;

    /// <summary>One pass over <paramref name="train"/>; returns the mean loss.</summary>
    public double Epoch(Tensor train)
    {
        model.train();
        _epoch++;
        using var generator = new Generator((ulong)(seed + _epoch));
        var samples = train.shape[0];
        using var order = randperm(samples, generator: generator);
        var total = 0.0;
        for (long start = 0; start < samples; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var size = Math.Min(batchSize, samples - start);
            var batch = train.index_select(0, order.narrow(0, start, size));
            _optimizer.zero_grad();
            var loss = nn.functional.mse_loss(model.forward(batch), batch);
            total += loss.item<float>() * size;
            loss.backward();
            _optimizer.step();
            if (batchesPerFinalization is { } every && ((start / batchSize) + 1) % every == 0)
            {
                GC.Collect(0);
                GC.WaitForPendingFinalizers();
            }
        }

        return total / samples;
    }

    public void Dispose() => _optimizer.Dispose();
}
