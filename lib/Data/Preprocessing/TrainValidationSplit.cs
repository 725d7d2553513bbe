using static TorchSharp.torch;

namespace Autoencoders.Data.Preprocessing;

/// <summary>Tensors of a training/validation split; the caller owns them (dispose the split or each tensor).</summary>
/// <param name="TrainFeatures">Training samples.</param>
/// <param name="TrainLabels">Training labels, or null.</param>
/// <param name="ValidationFeatures">Validation samples.</param>
/// <param name="ValidationLabels">Validation labels, or null.</param>
public sealed record TrainValidationSplit(Tensor TrainFeatures, Tensor? TrainLabels, Tensor ValidationFeatures, Tensor? ValidationLabels)
    : IDisposable
{
    /// <inheritdoc/>
    public void Dispose()
    {
        TrainFeatures.Dispose();
        TrainLabels?.Dispose();
        ValidationFeatures.Dispose();
        ValidationLabels?.Dispose();
    }
}
