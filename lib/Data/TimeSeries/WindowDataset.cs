using Autoencoders.Data.Tabular;

namespace Autoencoders.Data.TimeSeries;

/// <summary>Time-series windows from a CSV file as a <see cref="Dataset"/>, for the sequence autoencoder.</summary>
public static class WindowDataset
{
    /// <summary>
    /// Cuts the CSV columns into windows <c>(n, Window, columns)</c> (see <see cref="TimeSeriesWindows.FromCsv"/>),
    /// splits the windows into training and test parts (seeded; stratified by the window labels when there are
    /// any: 1 when a window touches an anomalous step) and scales each channel with statistics of the training
    /// windows only (or with <see cref="DatasetLoadOptions.FittedScaler"/>): z-normalised unless
    /// <see cref="DatasetLoadOptions.Scaling"/> says otherwise. The channels are <see cref="DatasetLoadOptions.Columns"/>,
    /// or every column but the label and the timestamp column. Rows stay in file order; repeated or out-of-order
    /// timestamps and gaps longer than the usual step become lines in <see cref="Dataset.Warnings"/>.
    /// </summary>
    public static Dataset Load(string path, DatasetLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Window is not { } window)
        {
            throw new ArgumentException("WindowDataset needs a window length (DatasetLoadOptions.Window)", nameof(options));
        }

        var table = CsvTable.Read(path, options.LabelColumn, timestampColumn: options.TimestampColumn);
        var columns = options.Columns ?? table.FeatureNames;
        using var windows = TimeSeriesWindows.FromTable(table, new TimeSeriesCsvOptions([.. columns], window, options.Stride, options.LabelColumn, table.TimestampColumn));
        var scaling = options.ScalingFor(DataFormat.Windows);
        var dataset = SplitAndScale.Apply(Path.GetFileNameWithoutExtension(path), path, windows.Windows, windows.Labels,
            windows.Labels is null ? null : ["normal", "anomalous"], options.TestFraction, options.SplitSeed, scaling, windows.Channels,
            options.FittedScaler);
        dataset.Recipe = new DataRecipe(path, Path.GetFullPath(path), DataRecipe.Sha256Of(path), DataFormat.Windows, dataset.SampleShape,
            options with { Scaling = scaling, FittedScaler = null, DownloadProgress = null }, [.. columns], dataset.Scaler!.State, dataset.ClassNames,
            table.TimestampColumn);
        dataset.Warnings = windows.Warnings;
        return dataset;
    }
}
