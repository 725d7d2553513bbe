using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Autoencoders.Plots;

/// <summary>
/// Results as aligned plain-text tables with numbers rounded for reading, like a pandas DataFrame's display: a
/// notebook shows a record's doubles in full (0.012915666240929836), which buries the digits that matter. Nested
/// records are flattened into dotted columns (<c>Metrics.F1</c>); short lists of values are shown inline
/// (<c>[1, 28, 28]</c>), longer collections by their length. Plain text looks the
/// same in every front end (VS Code, Jupyter, a console).
/// </summary>
public static class TextTable
{
    private const int MaxDepth = 3;
    private const int MaxInlineItems = 8;

    /// <summary>One line per public property of <paramref name="record"/> (nested ones flattened): name, value.</summary>
    /// <param name="record">Any object, e.g. <c>report.Metrics</c> or an anonymous <c>new { … }</c>.</param>
    /// <param name="digits">Significant digits of floating-point values.</param>
    public static string Fields(object record, int digits = 4) => Render(FieldCells(record, digits));

    /// <summary>One line per item of <paramref name="rows"/>, one column per public property (nested ones flattened).</summary>
    /// <param name="rows">Items of one type, e.g. <c>thresholds.Select(t => new { t.Name, t.Value })</c>.</param>
    /// <param name="rowNames">Optional first column naming each row (as many names as rows).</param>
    /// <param name="digits">Significant digits of floating-point values.</param>
    public static string Rows<T>(IEnumerable<T> rows, IReadOnlyList<string>? rowNames = null, int digits = 4) => Render(RowCells(rows, rowNames, digits));

    /// <summary>The cells <see cref="Fields"/> lays out: a field column and a value column.</summary>
    internal static Table FieldCells(object record, int digits)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 1);
        var cells = Flatten(record, "", digits, 0).ToList();
        return new Table(["field", "value"], [.. cells.Select(cell => new Cell[] { new(cell.Name, false), cell.Value })]);
    }

    /// <summary>The cells <see cref="Rows"/> lays out.</summary>
    internal static Table RowCells<T>(IEnumerable<T> rows, IReadOnlyList<string>? rowNames, int digits)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 1);
        var items = rows.ToList();
        if (rowNames is not null && rowNames.Count != items.Count)
        {
            throw new ArgumentException($"{rowNames.Count} row names for {items.Count} rows: give one name per row", nameof(rowNames));
        }

        var flattened = items.Select(item => Flatten(item, "", digits, 0).ToList()).ToList();
        var columns = flattened.SelectMany(cells => cells.Select(cell => cell.Name)).Distinct(StringComparer.Ordinal).ToList();
        var header = rowNames is null ? columns : ["", .. columns];
        var lines = flattened.Select((cells, index) =>
        {
            var byName = cells.ToDictionary(cell => cell.Name, cell => cell.Value, StringComparer.Ordinal);
            var values = columns.Select(column => byName.TryGetValue(column, out var value) ? value : new Cell("", false));
            return rowNames is null ? values.ToArray() : [new Cell(rowNames[index], false), .. values];
        }).ToList();
        return new Table(header, lines);
    }

    /// <summary>One cell's text, and whether it is a number (numbers are right-aligned).</summary>
    internal readonly record struct Cell(string Text, bool IsNumber);

    /// <summary>A table's column titles and its lines of cells, before layout as text or HTML.</summary>
    internal sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<Cell[]> Lines)
    {
        // As in pandas, a column of numbers is right-aligned, title included; a column mixing text and numbers (a
        // record's fields) is left-aligned, or its numbers would float far right of the text.
        public bool IsNumeric(int column) => Lines.Count > 0 && Lines.All(line => line[column].IsNumber || line[column].Text.Length == 0);
    }

    private readonly record struct NamedCell(string Name, Cell Value);

    private static IEnumerable<NamedCell> Flatten(object? value, string name, int digits, int depth)
    {
        if (IsScalar(value) || depth == MaxDepth)
        {
            yield return new NamedCell(name, Format(value, digits));
            yield break;
        }

        if (value is TorchSharp.torch.Tensor tensor)
        {
            yield return new NamedCell(name, new Cell("tensor [" + string.Join(", ", tensor.shape) + "]", false));
            yield break;
        }

        if (value is IEnumerable sequence)
        {
            var items = sequence.Cast<object?>().ToList();
            var text = items.Count <= MaxInlineItems && items.All(IsScalar)
                ? "[" + string.Join(", ", items.Select(item => Format(item, digits).Text)) + "]"
                : string.Create(CultureInfo.InvariantCulture, $"[{items.Count} items]");
            yield return new NamedCell(name, new Cell(text, false));
            yield break;
        }

        var properties = value!.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.GetIndexParameters().Length == 0 && property.Name != "EqualityContract");
        foreach (var property in properties)
        {
            var child = name.Length == 0 ? property.Name : name + "." + property.Name;
            foreach (var cell in Flatten(property.GetValue(value), child, digits, depth + 1))
            {
                yield return cell;
            }
        }
    }

    private static bool IsScalar(object? value) =>
        value is null or string or char or bool or Enum or DateTime or DateTimeOffset or TimeSpan or Guid
        || value.GetType().IsPrimitive || value is decimal;

    private static Cell Format(object? value, int digits) => value switch
    {
        null => new Cell("", false),
        double number => new Cell(Round(number, digits), true),
        float number => new Cell(Round(number, digits), true),
        decimal number => new Cell(Round((double)number, digits), true),
        bool or char or string or Enum or DateTime or DateTimeOffset or TimeSpan or Guid => new Cell(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", false),
        IFormattable number => new Cell(number.ToString(null, CultureInfo.InvariantCulture), true),
        _ => new Cell(value.ToString() ?? "", false),
    };

    private static string Round(double number, int digits) =>
        double.IsFinite(number) ? number.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
        : number.ToString(CultureInfo.InvariantCulture);

    private static string Render(Table table)
    {
        var (header, lines) = (table.Header, table.Lines);
        var widths = header.Select((title, column) => Math.Max(title.Length, lines.Select(line => line[column].Text.Length).DefaultIfEmpty(0).Max())).ToArray();
        var numeric = header.Select((_, column) => table.IsNumeric(column)).ToArray();
        string Align(string cell, int column) => numeric[column] ? cell.PadLeft(widths[column]) : cell.PadRight(widths[column]);
        var text = new StringBuilder();
        AppendLine(text, header.Select(Align));
        AppendLine(text, widths.Select(width => new string('-', width)));
        foreach (var line in lines)
        {
            AppendLine(text, line.Select((cell, column) => Align(cell.Text, column)));
        }

        return text.ToString().TrimEnd('\n');
    }

    private static void AppendLine(StringBuilder text, IEnumerable<string> cells) => text.Append(string.Join("  ", cells).TrimEnd()).Append('\n');
}
