using Autoencoders.Models;
using Autoencoders.Training;
using static TorchSharp.torch;

namespace Autoencoders.Evaluation.Anomaly;

/// <summary>Anomaly scores: a sample's reconstruction error, high when the model has not learned samples like it.</summary>
public static class AnomalyScores
{
    /// <summary>
    /// The per-sample reconstruction error (<see cref="SampleMetrics.Error"/>, averaged over the sample's values) of
    /// <paramref name="data"/> <c>(n, ...model.InputShape)</c>: <c>(n)</c> scores, computed by <see cref="BatchedInference"/>
    /// (evaluation mode: a VAE decodes its mean code; no input noise; no gradients; the model's mode restored).
    /// </summary>
    /// <param name="model">A trained model.</param>
    /// <param name="data">Samples, not modified.</param>
    /// <param name="loss">How a reconstruction is compared with its sample; MSE by default.</param>
    /// <param name="batchSize">Samples per forward pass.</param>
    /// <param name="progress">Receives the number of samples scored so far, or null.</param>
    public static double[] Compute(Autoencoder model, Tensor data, ReconstructionLoss loss = ReconstructionLoss.Mse,
        int batchSize = BatchedInference.DefaultBatchSize, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.RequireSamples(data, nameof(data));

        using var scope = NewDisposeScope();
        var scores = BatchedInference.Map(model, data, batch => SampleMetrics.Error(loss, model.forward(batch), batch), batchSize, progress);
        return scores.cpu().data<double>().ToArray();
    }
}
