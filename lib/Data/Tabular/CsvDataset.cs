namespace Autoencoders.Data.Tabular;

/// <summary>Turns a CSV file into a <see cref="Dataset"/>: read, split (seeded, stratified by label) and scale.</summary>
public static class CsvDataset
{
    /// <summary>
    /// Reads <paramref name="path"/> with <see cref="CsvTable.Read"/>, splits its rows into training and test parts,
    /// fits the scaler on the training rows only (or applies <see cref="DatasetLoadOptions.FittedScaler"/>) and applies
    /// it to both. Features are float32 <c>(n, feature columns)</c>, the columns of
    /// <see cref="DatasetLoadOptions.Columns"/> or every column but the label and the timestamp column (which only names
    /// the rows: rows need not be in time order); labels int64 <c>(n)</c> when
    /// <see cref="DatasetLoadOptions.LabelColumn"/> is set. The result's <see cref="Dataset.Recipe"/> records all of it.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="options">Label column, columns, split and scaling; defaults when null.</param>
    public static Dataset Load(string path, DatasetLoadOptions? options = null)
    {
        options ??= DatasetLoadOptions.Default;
        options.Validate();
        var table = CsvTable.Read(path, options.LabelColumn, timestampColumn: options.TimestampColumn);
        if (table.RowCount < 2)
        {
            throw new DataInputException(
                $"{path}: only {table.RowCount} data row; a training and a test split need at least 2 rows, so add rows");
        }

        var columns = options.Columns ?? table.FeatureNames;
        using var features = table.ToFeatureTensor(columns);
        using var labels = table.ToLabelTensor();
        var scaling = options.ScalingFor(DataFormat.Table);
        var dataset = SplitAndScale.Apply(Path.GetFileNameWithoutExtension(path), path, features, labels, table.ClassNames,
            options.TestFraction, options.SplitSeed, scaling, columns, options.FittedScaler);
        dataset.Recipe = new DataRecipe(path, Path.GetFullPath(path), DataRecipe.Sha256Of(path), DataFormat.Table, dataset.SampleShape,
            options with { Scaling = scaling, FittedScaler = null, DownloadProgress = null }, [.. columns], dataset.Scaler!.State, table.ClassNames,
            table.TimestampColumn);
        // Rows of a table may come in any order, but a user who looks at a time series as a table wants to know.
        dataset.Warnings = table.Timestamps?.OrderWarning() is { } warning ? [warning] : [];
        return dataset;
    }
}
