using Autoencoders.Models;
using Autoencoders.Training;
using static TorchSharp.torch;

namespace Autoencoders.Evaluation.Anomaly;

/// <summary>Anomaly scores: a sample's reconstruction error, high when the model has not learned samples like it.</summary>
public static class AnomalyScores
{
    /// <summary>
    /// The per-sample reconstruction error (<see cref="Losses.PerSample"/>, averaged over the sample's values) of
    /// <paramref name="data"/> <c>(n, ...model.InputShape)</c>: <c>(n)</c> scores, in batches, in evaluation mode
    /// (a VAE decodes its mean code; no input noise) and without gradients. The model's mode is restored afterwards.
    /// </summary>
    /// <param name="model">A trained model.</param>
    /// <param name="data">Samples, not modified.</param>
    /// <param name="loss">How a reconstruction is compared with its sample; MSE by default.</param>
    /// <param name="batchSize">Samples per forward pass.</param>
    public static double[] Compute(Autoencoder model, Tensor data, ReconstructionLoss loss = ReconstructionLoss.Mse, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (data.dim() < 2 || !data.shape.Skip(1).SequenceEqual(model.InputShape))
        {
            throw new ArgumentException(
                $"samples have shape [{string.Join(", ", data.shape.Skip(1))}] but the model expects [{string.Join(", ", model.InputShape)}]", nameof(data));
        }

        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            var samples = data.shape[0];
            var scores = new double[samples];
            for (long start = 0; start < samples; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var size = Math.Min(batchSize, samples - start);
                var batch = data.narrow(0, start, size);
                var perSample = Losses.PerSample(loss, model.forward(batch), batch).to_type(ScalarType.Float64).cpu();
                perSample.data<double>().CopyTo(scores.AsSpan((int)start, (int)size));
            }

            return scores;
        }
        finally
        {
            if (wasTraining)
            {
                model.train();
            }
        }
    }
}
