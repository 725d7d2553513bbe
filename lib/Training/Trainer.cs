using static TorchSharp.torch;

namespace Autoencoders.Training;

/// <summary>Trains a reconstruction model with Adam on mean squared error.</summary>
public static class Trainer
{
    /// <summary>
    /// Fits <paramref name="model"/> to reconstruct <paramref name="data"/> (shape <c>(n, ...)</c>), shuffling
    /// with <see cref="TrainingOptions.Seed"/> every epoch. The caller keeps ownership of model and data.
    /// </summary>
    /// <param name="model">The model; trained in place.</param>
    /// <param name="data">Training samples along the first dimension.</param>
    /// <param name="options">Training settings.</param>
    /// <param name="progress">Receives each epoch's result as soon as it is known.</param>
    public static TrainingHistory Fit(nn.Module<Tensor, Tensor> model, Tensor data, TrainingOptions options, IProgress<EpochResult>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var samples = data.shape[0];
        using var optimizer = optim.Adam(model.parameters(), options.LearningRate);
        using var generator = new Generator((ulong)options.Seed);
        var epochs = new List<EpochResult>(options.Epochs);
        model.train();
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            using var order = randperm(samples, generator: generator);
            var total = 0.0;
            for (long start = 0; start < samples; start += options.BatchSize)
            {
                using var scope = NewDisposeScope();
                var batch = data.index_select(0, order.narrow(0, start, Math.Min(options.BatchSize, samples - start)));
                optimizer.zero_grad();
                var loss = nn.functional.mse_loss(model.forward(batch), batch);
                loss.backward();
                optimizer.step();
                total += loss.item<float>() * batch.shape[0];
            }

            var result = new EpochResult(epoch, total / samples);
            epochs.Add(result);
            progress?.Report(result);
        }

        return new TrainingHistory(epochs);
    }
}
