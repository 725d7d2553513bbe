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

    /// <summary>For a <c>.csv</c> file: the column holding class labels, or null when every column is a feature.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>For a <c>.csv</c> file: how features are scaled (fitted on the training split only).</summary>
    public Preprocessing.ScalingKind Scaling { get; init; } = Preprocessing.ScalingKind.MinMax;

    /// <summary>Receives download progress when a data set has to be downloaded first (<c>mnist</c>, <c>fashion-mnist</c>).</summary>
    public IProgress<Download.DownloadProgress>? DownloadProgress { get; init; }
}
