namespace Autoencoders.Training;

/// <summary>How to train: the optimiser's settings, the batching and the seed that makes a run repeatable.</summary>
/// <param name="Epochs">Passes over the training data.</param>
/// <param name="BatchSize">Samples per optimiser step.</param>
/// <param name="LearningRate">Adam's step size.</param>
/// <param name="Seed">Seeds the shuffling of every epoch.</param>
public sealed record TrainingOptions(int Epochs = 10, int BatchSize = 256, double LearningRate = 1e-3, long Seed = 42)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (Epochs < 1)
        {
            throw new ArgumentException($"Epochs must be at least 1 (got {Epochs}).", nameof(Epochs));
        }

        if (BatchSize < 1)
        {
            throw new ArgumentException($"BatchSize must be at least 1 (got {BatchSize}).", nameof(BatchSize));
        }

        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            throw new ArgumentException($"LearningRate must be a positive number (got {LearningRate}).", nameof(LearningRate));
        }
    }
}
