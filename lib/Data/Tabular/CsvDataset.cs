
namespace Autoencoders.Data.Tabular;

/// <summary>Turns a CSV file into a <see cref="Dataset"/>: read, split (seeded, stratified by label) and scale.</summary>
public static class CsvDataset
{
    /// <summary>
    /// Reads <paramref name="path"/> with <see cref="CsvTable.Read"/>, splits its rows into training and test parts,
    /// fits the scaler on the training rows only and applies it to both. Features are float32
    /// <c>(n, feature columns)</c>; labels int64 <c>(n)</c> when <see cref="CsvLoadOptions.LabelColumn"/> is set.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="options">Label column, split and scaling; defaults when null.</param>
    public static CsvData Load(string path, CsvLoadOptions? options = null)
    {
        options ??= new CsvLoadOptions();
        options.Validate();
        var table = CsvTable.Read(path, options.LabelColumn);
        if (table.RowCount < 2)
        {
            throw new DataInputException(
                $"{path}: only {table.RowCount} data row; a training and a test split need at least 2 rows, so add rows");
        }

        using var features = table.ToFeatureTensor();
        using var labels = table.ToLabelTensor();
        var dataset = SplitAndScale.Apply(System.IO.Path.GetFileNameWithoutExtension(path), path, features, labels, table.ClassNames,
            options.TestFraction, options.Seed, options.Scaling, table.FeatureNames);
        return new CsvData(dataset, dataset.Scaler!, table.FeatureNames);
    }
}
