namespace Autoencoders.Data;

/// <summary>How <see cref="Datasets.Load(string, DatasetLoadOptions?)"/> shapes and splits a data set.</summary>
public sealed record DatasetLoadOptions
{
    /// <summary>The defaults: images as <c>(n, 1, height, width)</c>, split seed 0.</summary>
    public static DatasetLoadOptions Default { get; } = new();

    /// <summary>When true, images come as rows of <c>height * width</c> values: <c>(n, height * width)</c>.</summary>
    public bool Flatten { get; init; }

    /// <summary>
    /// Seeds the stratified 80/20 train/test split of data sets that come without one (<c>digits</c>, a folder
    /// with a single images file). The same seed gives the same split.
    /// </summary>
    public long SplitSeed { get; init; }
}
