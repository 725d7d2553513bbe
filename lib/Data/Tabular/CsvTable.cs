using Autoencoders.Data.TimeSeries;
using static TorchSharp.torch;

namespace Autoencoders.Data.Tabular;

/// <summary>
/// A CSV file read into memory: numeric feature columns and, optionally, one label column and one timestamp column. The first record is
/// the header (a first line of numbers is refused as data, unless it is increasing whole numbers); every other record is one row. Numbers use the invariant culture (<c>3.14</c>, <c>-1e-3</c>).
/// </summary>
public sealed class CsvTable
{
    private readonly float[] values;

    internal CsvTable(string path, IReadOnlyList<string> featureNames, float[] values, int rowCount, string? labelColumn,
        long[]? labels, IReadOnlyList<string>? classNames, Timestamps? timestamps = null)
    {
        Path = path;
        FeatureNames = featureNames;
        this.values = values;
        RowCount = rowCount;
        LabelColumn = labelColumn;
        Labels = labels;
        ClassNames = classNames;
        Timestamps = timestamps;
    }

    /// <summary>The file as given to <see cref="Read"/>.</summary>
    public string Path { get; }

    /// <summary>Names of the feature columns, in file order (the label and timestamp columns excluded).</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Number of data rows (the header excluded).</summary>
    public int RowCount { get; }

    /// <summary>Name of the label column, or null when the table has none.</summary>
    public string? LabelColumn { get; }

    /// <summary>Class index of every row, or null without a label column.</summary>
    public IReadOnlyList<long>? Labels { get; }

    /// <summary>
    /// Names of the classes 0, 1, … when the label column held text (in order of first appearance); null when it
    /// held integers from 0 to 999 (then the integers are the class indices) or when there is no label column.
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>
    /// The timestamp column: named when reading, or found by itself (the first column, when its first value is an
    /// ISO-8601 date-time); null when the file has none. It is not a feature.
    /// </summary>
    public Timestamps? Timestamps { get; }

    /// <summary>The name of the timestamp column, or null.</summary>
    public string? TimestampColumn => Timestamps?.Column;

    /// <summary>
    /// Reads a CSV file. Every column except <paramref name="labelColumn"/> and the timestamp column must hold a finite
    /// number in every row.
    /// The label column may hold integers from 0 to 999 (used as class indices) or anything else, text or larger
    /// integers (each distinct value becomes a named class, numbered in order of first appearance). Problems are reported as a one-line
    /// <see cref="DataInputException"/> naming the file, the line and the column.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="labelColumn">Name of the label column (exact, case-sensitive), or null for none.</param>
    /// <param name="onlyColumns">The feature columns to read, or null for every column but the label; other columns are skipped unread.</param>
    /// <param name="timestampColumn">
    /// The column of ISO-8601 date-times (every row must hold one), or null to take the first column as the timestamp
    /// column when its first value is a date-time.
    /// </param>
    public static CsvTable Read(string path, string? labelColumn = null, IReadOnlyCollection<string>? onlyColumns = null, string? timestampColumn = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = Open(path);
        return CsvTableParser.Parse(reader, path, labelColumn, onlyColumns, timestampColumn);
    }

    /// <summary>The column names of a CSV file's header line, trimmed, without reading the rows.</summary>
    public static IReadOnlyList<string> ReadHeader(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = Open(path);
        foreach (var record in new CsvRecordReader(reader, path).ReadAll())
        {
            return [.. record.Fields.Select(name => name.Trim())];
        }

        throw new DataInputException($"{path}: the file is empty; expected a header line with the column names, then one line per row");
    }

    /// <summary>The values of one feature column, row by row.</summary>
    /// <param name="name">A name from <see cref="FeatureNames"/>.</param>
    public float[] Column(string name)
    {
        var index = IndexOf(name);
        var column = new float[RowCount];
        for (var row = 0; row < RowCount; row++)
        {
            column[row] = values[(row * FeatureNames.Count) + index];
        }

        return column;
    }

    /// <summary>The features as a float32 tensor of shape <c>(rows, features)</c>.</summary>
    public Tensor ToFeatureTensor() => tensor(values, [RowCount, FeatureNames.Count], ScalarType.Float32);

    /// <summary>
    /// The named feature columns, in the given order, as a float32 tensor <c>(rows, columns.Count)</c>; a name the file
    /// lacks is a one-line <see cref="DataInputException"/> listing every missing one and the file's columns.
    /// </summary>
    public Tensor ToFeatureTensor(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var missing = columns.Where(name => !FeatureNames.Contains(name)).ToList();
        if (missing.Count > 0)
        {
            throw new DataInputException(
                $"{Path}: missing the column{(missing.Count == 1 ? "" : "s")} {CsvTableParser.ListNames(missing)}; the file's feature columns are {CsvTableParser.ListNames(FeatureNames)}");
        }

        var indices = columns.Select(IndexOf).ToArray();
        var selected = new float[RowCount * indices.Length];
        for (var row = 0; row < RowCount; row++)
        {
            for (var c = 0; c < indices.Length; c++)
            {
                selected[(row * indices.Length) + c] = values[(row * FeatureNames.Count) + indices[c]];
            }
        }

        return tensor(selected, [RowCount, indices.Length], ScalarType.Float32);
    }

    /// <summary>The labels as an int64 tensor of shape <c>(rows)</c>, or null without a label column.</summary>
    public Tensor? ToLabelTensor() => Labels is null ? null : tensor(Labels.ToArray(), ScalarType.Int64);

    internal int IndexOf(string name)
    {
        for (var i = 0; i < FeatureNames.Count; i++)
        {
            if (FeatureNames[i] == name)
            {
                return i;
            }
        }

        throw new DataInputException(
            $"{Path}: there is no feature column '{name}'; the columns are {CsvTableParser.ListNames(FeatureNames)}");
    }

    private static StreamReader Open(string path)
    {
        if (Directory.Exists(path))
        {
            throw new DataInputException($"{path}: is a folder, not a CSV file; give the path of a .csv file");
        }

        if (!File.Exists(path))
        {
            throw new DataInputException(
                $"{path}: file does not exist; check the path (relative paths start at {Directory.GetCurrentDirectory()})");
        }

        try
        {
            return new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new DataInputException($"{path}: cannot be opened ({error.Message}); check that it is readable", error);
        }
    }
}
