using Autoencoders.Data.Preprocessing;
using static TorchSharp.torch;

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

        var (train, test) = DataSplit.Indices(table.RowCount, options.TestFraction, options.Seed, table.Labels);
        var scaler = new FeatureScaler(options.Scaling);
        using var scope = NewDisposeScope();
        var features = table.ToFeatureTensor();
        var labels = table.ToLabelTensor();
        var trainIndex = tensor(train, ScalarType.Int64);
        var testIndex = tensor(test, ScalarType.Int64);
        var trainFeatures = features.index_select(0, trainIndex);
        scaler.Fit(trainFeatures);

        // The Dataset detaches the tensors it takes from this scope, so they outlive it.
        var dataset = new Dataset(
            System.IO.Path.GetFileNameWithoutExtension(path),
            path,
            scaler.Transform(trainFeatures),
            labels?.index_select(0, trainIndex),
            scaler.Transform(features.index_select(0, testIndex)),
            labels?.index_select(0, testIndex),
            table.ClassNames)
        {
            Scaler = scaler,
            FeatureNames = table.FeatureNames,
        };
        return new CsvData(dataset, scaler, table.FeatureNames);
    }
}
