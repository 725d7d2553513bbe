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

        var ordinal = options.Columns is null ? RowOrderColumns(table) : [];
        if (ordinal.Count == table.FeatureNames.Count)
        {
            // Nothing else to learn from: a table of counters is kept as it is rather than refused.
            ordinal = [];
        }

        var columns = options.Columns ?? [.. table.FeatureNames.Where(name => !ordinal.Contains(name))];

        using var features = table.ToFeatureTensor(columns);
        using var labels = table.ToLabelTensor();
        var scaling = options.ScalingFor(DataFormat.Table);
        var dataset = SplitAndScale.Apply(Path.GetFileNameWithoutExtension(path), path, features, labels, table.ClassNames,
            options.TestFraction, options.SplitSeed, scaling, columns, options.FittedScaler);
        dataset.Recipe = new DataRecipe(path, Path.GetFullPath(path), DataRecipe.Sha256Of(path), DataFormat.Table, dataset.SampleShape,
            options with { Scaling = scaling, FittedScaler = null, DownloadProgress = null }, [.. columns], dataset.Scaler!.State, table.ClassNames,
            table.TimestampColumn, ordinal.Count > 0 ? ordinal : null);

        // Rows of a table may come in any order, but a user who looks at a time series as a table wants to know.
        dataset.Warnings = [.. table.Timestamps?.OrderWarning() is { } warning ? [warning] : Array.Empty<string>(), .. ordinal.Select(name =>
            $"column '{name}' steps by the same amount from row to row, like a row number or a time: left out of the features (name it in --columns to keep it)")];
        return dataset;
    }

    // A column that steps by the same amount from every row to the next numbers or times the rows (a row number, a
    // regularly sampled time): a model that learns it learns where a row sits in the file, not what it holds (row 0's
    // time came back as 930).
    private static List<string> RowOrderColumns(CsvTable table)
    {
        if (table.RowCount < 3)
        {
            return [];
        }

        return [.. table.FeatureNames.Where(name =>
        {
            var values = table.Column(name);
            var step = (double)values[1] - values[0];
            if (step == 0)
            {
                return false;
            }

            var tolerance = 1e-6 * Math.Max(Math.Abs(values[0]), Math.Abs(values[^1]));
            for (var i = 2; i < values.Length; i++)
            {
                if (Math.Abs(((double)values[i] - values[i - 1]) - step) > tolerance)
                {
                    return false;
                }
            }

            return true;
        })];
    }
}
