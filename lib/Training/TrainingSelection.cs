namespace Autoencoders.Training;

/// <summary>Which samples of a data set's training split a model is fitted on, and which are held out to validate it.</summary>
/// <param name="ValidationFraction">
/// Share of the training split held out (seeded by the training seed, stratified by label) to validate every epoch: at
/// least 0 and below 1; 0 trains on every selected sample, in the data's order, and validates on none.
/// </param>
/// <param name="ExcludedClass">A class left out of training (to detect it later as the anomaly), or null.</param>
/// <param name="NormalClass">The one class trained on (the one-class protocol: every other class is an anomaly), or null.</param>
public sealed record TrainingSelection(double ValidationFraction = 0.1, long? ExcludedClass = null, long? NormalClass = null)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the setting out of range.</summary>
    public void Validate()
    {
        if (!(ValidationFraction >= 0 && ValidationFraction < 1))
        {
            throw new ArgumentException($"ValidationFraction must be at least 0 and below 1 (got {ValidationFraction}).", nameof(ValidationFraction));
        }

        if (ExcludedClass is not null && NormalClass is not null)
        {
            throw new ArgumentException("ExcludedClass and NormalClass cannot both be given: train without one class, or on one class only.", nameof(NormalClass));
        }
    }
}
