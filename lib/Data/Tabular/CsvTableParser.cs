using System.Globalization;
using Autoencoders.Data.TimeSeries;

namespace Autoencoders.Data.Tabular;

/// <summary>Turns CSV records into a <see cref="CsvTable"/>, checking every value.</summary>
internal static class CsvTableParser
{
    private const int MaxShownValueLength = 40;

    /// <summary>
    /// Integer labels below this are class indices; larger ones are named classes like text labels (the labels are
    /// never used to size anything: a label of 10^12 must not ask for 10^12 classes).
    /// </summary>
    internal const long MaxClassIndex = 1000;

    public static CsvTable Parse(TextReader text, string path, string? labelColumn, IReadOnlyCollection<string>? onlyColumns = null,
        string? timestampColumn = null)
    {
        using var records = new CsvRecordReader(text, path).ReadAll().GetEnumerator();
        if (!records.MoveNext())
        {
            throw new DataInputException(
                $"{path}: the file is empty; expected a header line with the column names, then one line per row");
        }

        var header = records.Current.Fields.Select(name => name.Trim()).ToArray();
        CheckHeader(path, header);
        CheckNotData(path, header);
        var labelIndex = FindLabel(path, header, labelColumn);
        var hasRows = records.MoveNext();
        var timestampIndex = FindTimestamp(path, header, timestampColumn, labelIndex, hasRows ? records.Current.Fields : null);
        CheckHasFeature(path, header, labelIndex, timestampIndex);
        var read = header.Select((name, i) => i == labelIndex || i == timestampIndex || onlyColumns is null || onlyColumns.Contains(name)).ToArray();
        var featureNames = header.Where((name, i) => i != labelIndex && i != timestampIndex && read[i]).ToArray();

        var values = new List<float>();
        var labelTexts = new List<string>();
        var timeTexts = new List<string>();
        var times = new List<DateTimeOffset>();
        var lines = new List<int>();
        var rows = 0;
        for (; hasRows; hasRows = records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields.Length != header.Length)
            {
                throw new DataInputException(
                    $"{path}: line {line} has {Count(fields.Length, "field")} but the header has {Count(header.Length, "column")}; " +
                    $"give every line {Count(header.Length, "comma-separated value")} (quote a value that contains a comma)" +
                    SeparatorHint(header));
            }

            for (var column = 0; column < fields.Length; column++)
            {
                if (column == labelIndex)
                {
                    labelTexts.Add(CheckLabel(path, line, header[column], fields[column]));
                }
                else if (column == timestampIndex)
                {
                    timeTexts.Add(fields[column].Trim());
                    times.Add(ParseTimestamp(path, line, header[column], fields[column]));
                }
                else if (read[column])
                {
                    values.Add(ParseNumber(path, line, header[column], fields[column]));
                }
            }

            lines.Add(line);
            rows++;
        }

        if (rows == 0)
        {
            throw new DataInputException(
                $"{path}: the file has a header but no data rows; add at least one line of values below the header");
        }

        var (labels, classNames) = labelIndex < 0 ? (null, null) : EncodeLabels(labelTexts);
        var timestamps = timestampIndex < 0 ? null : new Timestamps(path, header[timestampIndex], timeTexts, times, [.. lines]);
        return new CsvTable(path, featureNames, [.. values], rows, labelIndex < 0 ? null : header[labelIndex], labels, classNames, timestamps);
    }

    /// <summary>A header read as one column but holding ';' or tabs suggests another separator.</summary>
    private static string SeparatorHint(string[] header) =>
        header.Length == 1 && header[0].IndexOfAny([';', '\t']) >= 0
            ? "; the header looks separated by ';' or tabs, but only commas separate fields"
            : "";

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    internal static string ListNames(IEnumerable<string> names) => Listing.Names(names);

    private static void CheckHeader(string path, string[] header)
    {
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i].Length == 0)
            {
                throw new DataInputException(
                    $"{path}: line 1: column {i + 1} of the header has no name; give every column a name in the first line");
            }

            if (header[i].AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new DataInputException(
                    $"{path}: line 1: the name of column {i + 1} contains a line break; write every column name on one line");
            }

            var first = Array.IndexOf(header, header[i]);
            if (first < i)
            {
                throw new DataInputException(
                    $"{path}: line 1: the column name '{header[i]}' appears twice (columns {first + 1} and {i + 1}); " +
                    "rename one so every column name is unique");
            }
        }
    }

    // A header-less file of numbers would silently lose its first row to the header. A first line of numbers is taken
    // as data and refused, unless it names columns the way numbers can: non-negative integers in increasing order
    // (column indices, pixel numbers, wavelengths), never a data row's -0.3 or 1.5e-2. (docs/decisions.md)
    private static void CheckNotData(string path, string[] header)
    {
        var numbers = new double[header.Length];
        for (var i = 0; i < header.Length; i++)
        {
            if (!double.TryParse(header[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return;
            }
        }

        var increasingIndices = header.Length > 1 && header.All(name => name.All(char.IsAsciiDigit))
            && numbers.Zip(numbers.Skip(1)).All(pair => pair.First < pair.Second);
        if (!increasingIndices)
        {
            var example = string.Join(',', Enumerable.Range(1, Math.Min(header.Length, 3)).Select(i => $"x{i}")) + (header.Length > 3 ? ",…" : "");
            throw new DataInputException(
                $"{path}: line 1 holds only numbers ({Shown(string.Join(',', header))}), so it looks like data, not the header with the column names; " +
                $"add a first line naming the {Count(header.Length, "column")} (e.g. {example})");
        }
    }

    private static int FindLabel(string path, string[] header, string? labelColumn)
    {
        if (labelColumn is null)
        {
            return -1;
        }

        var index = Array.IndexOf(header, labelColumn);
        if (index < 0)
        {
            throw new DataInputException(
                $"{path}: there is no label column '{labelColumn}'; the columns are {ListNames(header)} " +
                "(names are case-sensitive)");
        }

        return index;
    }

    // A named timestamp column must exist; without a name, the first column is the timestamp column when its first
    // value is a date-time (a column of numbers never is), unless it is the label column.
    private static int FindTimestamp(string path, string[] header, string? timestampColumn, int labelIndex, string[]? firstRow)
    {
        if (timestampColumn is not null)
        {
            var index = Array.IndexOf(header, timestampColumn);
            if (index < 0)
            {
                throw new DataInputException(
                    $"{path}: there is no timestamp column '{timestampColumn}'; the columns are {ListNames(header)} (names are case-sensitive)");
            }

            return index != labelIndex ? index : throw new DataInputException(
                $"{path}: '{timestampColumn}' cannot be both the label column and the timestamp column; name another column for one of them");
        }

        return labelIndex != 0 && firstRow is { Length: > 0 } && Timestamps.TryParse(firstRow[0], out _) ? 0 : -1;
    }

    private static void CheckHasFeature(string path, string[] header, int labelIndex, int timestampIndex)
    {
        if (header.Length > (labelIndex < 0 ? 0 : 1) + (timestampIndex < 0 ? 0 : 1))
        {
            return;
        }

        var roles = new List<string>();
        if (timestampIndex >= 0)
        {
            roles.Add($"'{header[timestampIndex]}' holds the timestamps");
        }

        if (labelIndex >= 0)
        {
            roles.Add($"'{header[labelIndex]}' holds the labels");
        }

        throw new DataInputException(
            $"{path}: has no numeric feature column: {string.Join(" and ", roles)}; add at least one column of numbers to learn from");
    }

    private static DateTimeOffset ParseTimestamp(string path, int line, string column, string text) =>
        Timestamps.TryParse(text, out var value) ? value : throw new DataInputException(
            $"{path}: line {line}, column '{column}': '{Shown(text.Trim())}' is not a date-time; write ISO 8601 date-times such as " +
            "2014-04-01 00:05:00 or 2014-04-01T00:05:00Z in every row of the timestamp column");

    private static string CheckLabel(string path, int line, string column, string text)
    {
        var label = text.Trim();
        if (label.Length == 0)
        {
            throw new DataInputException(
                $"{path}: line {line}, column '{column}': the label is missing; give every row a label or remove the row");
        }

        return label;
    }

    private static float ParseNumber(string path, int line, string column, string text)
    {
        var trimmed = text.Trim();
        var where = $"{path}: line {line}, column '{column}'";
        if (trimmed.Length == 0)
        {
            throw new DataInputException(
                $"{where}: the value is missing; fill it in (for example with the column's mean) or remove the row");
        }

        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            if (IsNonFiniteWord(trimmed))
            {
                throw NotFinite(where, trimmed);
            }

            if (Timestamps.TryParse(trimmed, out _))
            {
                throw new DataInputException(
                    $"{where}: '{Shown(trimmed)}' is a date-time, not a number; name '{column}' as the timestamp column " +
                    "(--timestamp-column, DatasetLoadOptions.TimestampColumn): it then names the rows and is not used as a feature");
            }

            throw new DataInputException(
                $"{where}: '{Shown(trimmed)}' is not a number; write numbers with a '.' decimal point and no " +
                "thousands separator (e.g. 1234.5), or, if the column holds class names, make it the label column");
        }

        var single = (float)number;
        return float.IsFinite(single) ? single : throw NotFinite(where, trimmed);
    }

    private static bool IsNonFiniteWord(string text) =>
        text.TrimStart('+', '-').ToUpperInvariant() is "NAN" or "INF" or "INFINITY";

    private static DataInputException NotFinite(string where, string text) => new(
        $"{where}: '{Shown(text)}' is not a finite number (NaN, infinity or beyond float32's range ±3.4e38); " +
        "replace it with a real value or remove the row");

    /// <summary>A value as it can be shown inside a one-line message: no line breaks, not too long.</summary>
    private static string Shown(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= MaxShownValueLength ? flat : string.Concat(flat.AsSpan(0, MaxShownValueLength), "…");
    }

    private static (long[] Labels, IReadOnlyList<string>? ClassNames) EncodeLabels(List<string> texts)
    {
        var integers = new long[texts.Count];
        var allIntegers = true;
        for (var i = 0; i < texts.Count && allIntegers; i++)
        {
            allIntegers = long.TryParse(texts[i], NumberStyles.None, CultureInfo.InvariantCulture, out integers[i]) && integers[i] < MaxClassIndex;
        }

        if (allIntegers)
        {
            return (integers, null);
        }

        var classes = new Dictionary<string, long>(StringComparer.Ordinal);
        var names = new List<string>();
        var labels = new long[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            if (!classes.TryGetValue(texts[i], out var index))
            {
                index = names.Count;
                classes.Add(texts[i], index);
                names.Add(texts[i]);
            }

            labels[i] = index;
        }

        return (labels, names);
    }
}
