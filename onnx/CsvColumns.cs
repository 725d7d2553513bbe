using System.Globalization;
using System.Text;

namespace Autoencoders.Onnx;

/// <summary>Reads named numeric columns of a CSV file with a header row (commas, optional double quotes).</summary>
internal static class CsvColumns
{
    /// <summary>The values of <paramref name="columns"/>, in that order, for every data row: <c>(rows, columns)</c>.</summary>
    /// <exception cref="FormatException">A column is missing, a row is short, or a value is not a number.</exception>
    public static float[,] Read(string path, IReadOnlyList<string> columns)
    {
        var lines = File.ReadAllLines(path).Where(line => line.Length > 0).ToList();
        if (lines.Count == 0)
        {
            throw new FormatException($"{path}: the file is empty; it needs a header row naming the columns {string.Join(", ", columns)}.");
        }

        var header = Fields(lines[0]);
        var indices = columns.Select(column => header.FindIndex(name => string.Equals(name.Trim(), column, StringComparison.Ordinal))).ToArray();
        var missing = columns.Where((_, i) => indices[i] < 0).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"{path}: no column {string.Join(", ", missing.Select(name => $"'{name}'"))} in the header; the detector was trained on {string.Join(", ", columns)}.");
        }

        var values = new float[lines.Count - 1, columns.Count];
        for (var row = 1; row < lines.Count; row++)
        {
            var fields = Fields(lines[row]);
            for (var column = 0; column < columns.Count; column++)
            {
                var index = indices[column];
                if (index >= fields.Count || !double.TryParse(fields[index], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    throw new FormatException($"{path}, line {row + 1}, column '{columns[column]}': '{(index < fields.Count ? fields[index] : "")}' is not a number; give a value such as 1.5.");
                }

                values[row - 1, column] = (float)value;
            }
        }

        return values;
    }

    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
