namespace Autoencoders.Training;

/// <summary>Which samples of a data set's training split a model is fitted on, and which are held out to validate it.</summary>
/// <param name="ValidationFraction">Share of the training split held out (seeded by the training seed, stratified by label) to validate every epoch, strictly between 0 and 1.</param>
/// <param name="ExcludedClass">A class left out of training (to detect it later as the anomaly), or null.</param>
public sealed record TrainingSelection(double ValidationFraction = 0.1, long? ExcludedClass = null)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the setting out of range.</summary>
    public void Validate()
    {
        if (!(ValidationFraction > 0 && ValidationFraction < 1))
        {
            throw new ArgumentException($"ValidationFraction must be between 0 and 1 (got {ValidationFraction}).", nameof(ValidationFraction));
        }
    }
}
