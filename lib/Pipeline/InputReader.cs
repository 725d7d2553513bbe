using System.Globalization;
using Autoencoders.Data;
using Autoencoders.Data.Idx;
using Autoencoders.Data.Images;
using Autoencoders.Data.Tabular;
using Autoencoders.Data.TimeSeries;
using static TorchSharp.torch;

namespace Autoencoders.Pipeline;

/// <summary>
/// Reads new data the way a trained model's recipe says: a CSV file with the training columns (in any order, by
/// name), a CSV time series cut into every window of the model's length, a folder of IDX files, a folder of images or
/// one image file. Values stay in the data's units; the model scales them itself. A CSV timestamp column is kept to
/// name the rows (a series stays in file order; repeated or out-of-order times and gaps become <see cref="InputData.Warnings"/>). Every mismatch with
/// the recipe is a one-line <see cref="DataInputException"/> naming what differs.
/// </summary>
public static class InputReader
{
    /// <summary>Reads <paramref name="path"/> for a model trained with <paramref name="recipe"/>.</summary>
    /// <exception cref="DataInputException">The input is missing, malformed, or does not match the recipe.</exception>
    public static InputData Read(string path, DataRecipe recipe)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(recipe);
        var isCsv = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        return recipe.Format switch
        {
            DataFormat.Table when isCsv => ReadTable(path, recipe),
            DataFormat.Windows when isCsv => ReadSeries(path, recipe),
            DataFormat.Images when !isCsv => ReadImages(path, recipe),
            DataFormat.Images => throw new DataInputException(
                $"{path}: is a CSV file, but the model was trained on images ({recipe.Source}); give a folder of IDX files, a folder of images or an image file."),
            _ => throw new DataInputException(
                $"{path}: is not a .csv file, but the model was trained on {(recipe.Format == DataFormat.Table ? "rows" : "a time series")} of a CSV file ({recipe.Source}); give a .csv file with the same columns."),
        };
    }

    private static InputData ReadTable(string path, DataRecipe recipe)
    {
        var (table, columns, label) = ReadColumns(path, recipe);
        using var scope = NewDisposeScope();
        var samples = table.ToFeatureTensor(columns);
        return new InputData(path, DataFormat.Table, samples, RowIds(table.RowCount), columns, label, LabelTexts(table), steps: null, table.Timestamps);
    }

    private static InputData ReadSeries(string path, DataRecipe recipe)
    {
        var (table, channels, label) = ReadColumns(path, recipe);
        var length = (int)recipe.SampleShape[0];
        if (table.RowCount < length)
        {
            throw new DataInputException(
                $"{path}: the series has {table.RowCount} rows but the model reads windows of {length} steps; give a series of at least {length} rows.");
        }

        using var scope = NewDisposeScope();
        var windows = SlidingWindows.Create(table.ToFeatureTensor(channels), length, stride: 1);
        return new InputData(path, DataFormat.Windows, windows, RowIds(table.RowCount), channels, label, LabelTexts(table), table.RowCount,
            table.Timestamps, table.Timestamps?.Warnings());
    }

    // The training columns, found by name: a missing column is refused, and so is an extra one unless the model was
    // trained on columns chosen from a wider file (DatasetLoadOptions.Columns), where other columns are expected. The
    // timestamp column is the recipe's when the file has it, else found as in training (a first column of date-times).
    private static (CsvTable Table, IReadOnlyList<string> Columns, string? Label) ReadColumns(string path, DataRecipe recipe)
    {
        var expected = recipe.Columns ?? throw new DataInputException(
            $"the model's recipe does not name its columns (a checkpoint of an older version): train it again to apply it to {path}.");
        var header = CsvTable.ReadHeader(path);
        var label = recipe.Options.LabelColumn is { } name && header.Contains(name) ? name : null;
        var timestamp = recipe.TimestampColumn is { } trained && header.Contains(trained) && trained != label ? trained : null;
        var table = CsvTable.Read(path, label, expected, timestamp);
        var present = header.Where(column => column != label && column != table.TimestampColumn).ToList();
        var missing = expected.Where(column => !present.Contains(column)).ToList();
        var extra = recipe.Options.Columns is null ? present.Where(column => !expected.Contains(column) && recipe.LeftOutColumns?.Contains(column) != true).ToList() : [];
        if (missing.Count > 0 || extra.Count > 0)
        {
            var differences = new List<string>();
            if (missing.Count > 0)
            {
                differences.Add($"missing {CsvTableParser.ListNames(missing)}");
            }

            if (extra.Count > 0)
            {
                differences.Add($"extra {CsvTableParser.ListNames(extra)}");
            }

            var labelNote = recipe.Options.LabelColumn is { } trainedLabel ? $" (plus, optionally, the label column '{trainedLabel}')" : "";
            throw new DataInputException(
                $"{path}: the columns differ from the model's training columns: {string.Join("; ", differences)}; give a file with the columns {CsvTableParser.ListNames(expected)}{labelNote}, in any order.");
        }

        return (table, expected, label);
    }

    private static InputData ReadImages(string path, DataRecipe recipe)
    {
        if (Directory.Exists(path) && Directory.EnumerateFiles(path).Any(file => file.Contains("idx3-ubyte", StringComparison.OrdinalIgnoreCase)))
        {
            return ReadIdx(path, recipe);
        }

        // Image files are converted to the model's input: grayscale, resized, scaled to [0, 1] like the training images.
        var files = ImageFiles.Find(path);
        var (height, width) = ImageSize(recipe);
        using var scope = NewDisposeScope();
        var images = ImageFiles.ReadAll(files, height, width);
        var samples = recipe.SampleShape.Count == 1 ? images.flatten(1) : images;
        return new InputData(Path.GetFullPath(path), DataFormat.Images, samples, [.. files.Select(Path.GetFileName).Cast<string>()], null, null, null, steps: null);
    }

    // Every images file of the folder, training then test: ids run 0, 1, … over both.
    private static InputData ReadIdx(string folder, DataRecipe recipe)
    {
        var files = IdxFolder.Find(folder);
        var (height, width) = ImageSize(recipe);
        var flatten = recipe.SampleShape.Count == 1;
        using var scope = NewDisposeScope();
        var images = new List<Tensor>();
        var labels = new List<string>();
        var labelled = true;
        foreach (var (imageFile, labelFile) in new[] { (files.TrainImages, files.TrainLabels), (files.TestImages, files.TestLabels) })
        {
            if (imageFile is null)
            {
                continue;
            }

            var values = IdxReader.ReadImageValues(imageFile);
            if (values.Rows != height || values.Columns != width)
            {
                throw new DataInputException(
                    $"{imageFile}: holds {values.Rows}x{values.Columns} images but the model takes {height}x{width}; give images of the model's size (image files are resized, IDX files are not).");
            }

            images.Add(IdxReader.ToImageTensor(values, flatten));
            if (labelFile is null)
            {
                labelled = false;
            }
            else
            {
                var labelBytes = IdxReader.ReadLabelBytes(labelFile);
                IdxReader.CheckSameCount(values, labelBytes);
                labels.AddRange(labelBytes.Values.Select(value => value.ToString(CultureInfo.InvariantCulture)));
            }
        }

        var samples = cat(images, 0);
        return new InputData(Path.GetFullPath(folder), DataFormat.Images, samples, RowIds((int)samples.shape[0]), null,
            labelled ? "label" : null, labelled ? labels : null, steps: null);
    }

    /// <summary>The height and width of the model's images: <c>[1, h, w]</c>, or a square for flattened <c>[h * w]</c>.</summary>
    internal static (int Height, int Width) ImageSize(DataRecipe recipe)
    {
        var shape = recipe.SampleShape;
        if (shape.Count == 3)
        {
            return ((int)shape[1], (int)shape[2]);
        }

        var side = (int)Math.Round(Math.Sqrt(shape[0]));
        return side * side == shape[0]
            ? (side, side)
            : throw new DataInputException($"the model takes flattened images of {shape[0]} pixels, which is not a square; give IDX files of the training data's size.");
    }

    private static List<string> RowIds(int count) => [.. Enumerable.Range(0, count).Select(row => row.ToString(CultureInfo.InvariantCulture))];

    private static List<string>? LabelTexts(CsvTable table) =>
        table.Labels?.Select(label => table.ClassNames is { } names ? names[(int)label] : label.ToString(CultureInfo.InvariantCulture)).ToList();
}
