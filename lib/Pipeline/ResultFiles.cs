using System.Globalization;
using System.Text;
using Autoencoders.IO;
using static TorchSharp.torch;

namespace Autoencoders.Pipeline;

/// <summary>
/// Writes what a trained model made of new data as CSV files (RFC 4180: fields holding a comma, a quote or a line break
/// are quoted), each atomically: a reader never sees half a file and a failed write leaves any old file in place.
/// </summary>
public static class ResultFiles
{
    /// <summary>Scores: header <c>id,score,anomaly</c> (1 flagged, 0 not), plus the input's label column when it had one.</summary>
    public static void WriteScores(string path, ScoredInput scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var csv = new StringBuilder();
        var header = new List<string> { "id", "score", "anomaly" };
        if (scored.LabelColumn is { } label && scored.Labels is not null)
        {
            header.Add(label == "id" || label == "score" || label == "anomaly" ? $"input_{label}" : label);
        }

        Line(csv, header);
        for (var row = 0; row < scored.Ids.Count; row++)
        {
            var fields = new List<string> { scored.Ids[row], scored.Scores[row].ToString("R", CultureInfo.InvariantCulture), scored.Flags[row] ? "1" : "0" };
            if (header.Count > 3)
            {
                fields.Add(scored.Labels![row]);
            }

            Line(csv, fields);
        }

        AtomicFile.WriteAllText(path, csv.ToString());
    }

    /// <summary>Codes: header <c>id,z0,…,z{k-1}</c>, one row per sample.</summary>
    public static void WriteCodes(string path, IReadOnlyList<string> ids, Tensor codes)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(codes);
        WriteRows(path, ids, [.. Enumerable.Range(0, (int)codes.shape[1]).Select(i => string.Create(CultureInfo.InvariantCulture, $"z{i}"))], codes);
    }

    /// <summary>Rows of values under the given column names: header <c>id,columns…</c>; <paramref name="values"/> is <c>(rows, columns)</c>.</summary>
    public static void WriteRows(string path, IReadOnlyList<string> ids, IReadOnlyList<string> columns, Tensor values)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(values);
        if (values.dim() != 2 || values.shape[0] != ids.Count || values.shape[1] != columns.Count)
        {
            throw new ArgumentException($"values shaped [{string.Join(", ", values.shape)}] for {ids.Count} ids and {columns.Count} columns", nameof(values));
        }

        using var scope = NewDisposeScope();
        var data = values.to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
        var csv = new StringBuilder();
        Line(csv, ["id", .. columns]);
        var width = columns.Count;
        for (var row = 0; row < ids.Count; row++)
        {
            Line(csv, [ids[row], .. data.AsSpan(row * width, width).ToArray().Select(value => value.ToString("R", CultureInfo.InvariantCulture))]);
        }

        AtomicFile.WriteAllText(path, csv.ToString());
    }

    private static void Line(StringBuilder csv, IEnumerable<string> fields) => csv.AppendJoin(',', fields.Select(Quote)).Append('\n');

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
