namespace Autoencoders.Data.Preprocessing;

/// <summary>The order of the two index lists <see cref="DataSplit.Indices"/> returns; the split itself is the same.</summary>
public enum SplitOrder
{
    /// <summary>Ascending, so that each part keeps the samples' original order (a file's row order, a time series' steps).</summary>
    Ascending,

    /// <summary>
    /// The seeded shuffle's order, so that data stored class by class come out mixed: the first samples of either part
    /// (the ones shown, or kept when subsampling) are of many classes.
    /// </summary>
    Shuffled,
}
