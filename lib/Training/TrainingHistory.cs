namespace Autoencoders.Training;

/// <summary>The mean training loss of one epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Loss">Mean loss over the epoch's samples.</param>
public sealed record EpochResult(int Epoch, double Loss);

/// <summary>What a training run produced, epoch by epoch (like Keras' <c>History</c>).</summary>
/// <param name="Epochs">One entry per completed epoch, in order.</param>
public sealed record TrainingHistory(IReadOnlyList<EpochResult> Epochs)
{
    /// <summary>Loss of the first epoch.</summary>
    public double InitialLoss => Epochs[0].Loss;

    /// <summary>Loss of the last epoch.</summary>
    public double FinalLoss => Epochs[^1].Loss;
}
