namespace Autoencoders.Data.Preprocessing;

/// <summary>How a <see cref="FeatureScaler"/> maps each column.</summary>
public enum ScalingKind
{
    /// <summary>Leave the values as they are.</summary>
    None,

    /// <summary><c>(x - min) / (max - min)</c>: the training split's values land in [0, 1].</summary>
    MinMax,

    /// <summary><c>(x - mean) / std</c> (population standard deviation): zero mean, unit variance on the training split.</summary>
    Standard,
}
