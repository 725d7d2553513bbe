using System.Text.Json.Serialization;

namespace Autoencoders.Training;

/// <summary>One finished epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Loss">Mean training loss over the epoch's samples (reconstruction plus any model penalty).</param>
/// <param name="ValidationLoss">Mean loss on the validation data after the epoch, or null without validation data.</param>
/// <param name="LearningRate">The learning rate used during the epoch.</param>
/// <param name="Seconds">Wall-clock duration of the epoch.</param>
public sealed record EpochResult(int Epoch, double Loss, double? ValidationLoss, double LearningRate, double Seconds)
{
    /// <summary>The loss that early stopping and the schedule watch: validation if present, else training.</summary>
    [JsonIgnore]
    public double MonitoredLoss => ValidationLoss ?? Loss;
}

/// <summary>Why training ended.</summary>
public enum StopReason
{
    /// <summary>All epochs ran.</summary>
    Completed,

    /// <summary>Early stopping ended it.</summary>
    EarlyStopped,

    /// <summary>The caller cancelled (Ctrl+C in the CLI).</summary>
    Cancelled,
}

/// <summary>What a training run produced, epoch by epoch (like Keras' <c>History</c>).</summary>
/// <param name="Epochs">One entry per completed epoch, in order (a resumed run includes the earlier epochs).</param>
/// <param name="StopReason">Why training ended.</param>
/// <param name="BestEpoch">The epoch with the lowest monitored loss, or null when no epoch completed.</param>
public sealed record TrainingHistory(IReadOnlyList<EpochResult> Epochs, StopReason StopReason, int? BestEpoch)
{
    /// <summary>
    /// The epoch whose end state the trained model holds, weights and optimiser alike: the best epoch when early
    /// stopping restores the best weights, else the last finished one. A resumed run continues from it and repeats
    /// the epochs after it exactly as the uninterrupted run would. Null (histories written before): the last epoch.
    /// </summary>
    public int? StateEpoch { get; init; }

    /// <summary>The epochs up to <see cref="StateEpoch"/>: what a resumed run continues from.</summary>
    [JsonIgnore]
    public IReadOnlyList<EpochResult> ResumableEpochs => StateEpoch is { } state ? [.. Epochs.Where(e => e.Epoch <= state)] : Epochs;

    /// <summary>An empty history, for a run that has not started.</summary>
    [JsonIgnore]
    public static TrainingHistory Empty { get; } = new([], StopReason.Completed, null);

    /// <summary>Loss of the first epoch.</summary>
    [JsonIgnore]
    public double InitialLoss => Epochs[0].Loss;

    /// <summary>Loss of the last epoch.</summary>
    [JsonIgnore]
    public double FinalLoss => Epochs[^1].Loss;
}

/// <summary>Progress of a running fit, reported after every batch and at the end of every epoch.</summary>
/// <param name="Epoch">Current epoch (1-based).</param>
/// <param name="Epochs">Total epochs planned.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="RunningLoss">Mean training loss of this epoch so far.</param>
/// <param name="Completed">The epoch's result once it has finished; null during the epoch.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double RunningLoss, EpochResult? Completed);

/// <summary>The loss became NaN or infinite; the message names the epoch and batch and what to try.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public TrainingDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public TrainingDivergedException()
    {
    }
}
