using Autoencoders.Data.Preprocessing;

namespace Autoencoders.Data.TimeSeries;

/// <summary>Time-series windows from a CSV file as a <see cref="Dataset"/>, for the sequence autoencoder.</summary>
public static class WindowDataset
{
    /// <summary>
    /// Cuts the CSV columns into windows <c>(n, length, channels)</c> (see <see cref="TimeSeriesWindows.FromCsv"/>),
    /// splits the windows into training and test parts (seeded; stratified by the window labels when there are
    /// any: 1 when a window touches an anomalous step) and scales each channel with statistics of the training
    /// windows only.
    /// </summary>
    public static Dataset Load(string path, TimeSeriesCsvOptions options, double testFraction = 0.2, long seed = 0,
        ScalingKind scaling = ScalingKind.MinMax)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var windows = TimeSeriesWindows.FromCsv(path, options);
        return SplitAndScale.Apply(Path.GetFileNameWithoutExtension(path), path, windows.Windows, windows.Labels,
            windows.Labels is null ? null : ["normal", "anomalous"], testFraction, seed, scaling, windows.Channels);
    }
}
