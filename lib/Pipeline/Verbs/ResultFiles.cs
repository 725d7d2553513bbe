using System.Globalization;
using System.Text;
using Autoencoders.IO;
using static TorchSharp.torch;

namespace Autoencoders.Pipeline.Verbs;

/// <summary>
/// Writes what a trained model made of new data as CSV files (RFC 4180: fields holding a comma, a quote or a line break
/// are quoted), each atomically: a reader never sees half a file and a failed write leaves any old file in place.
/// </summary>
public static class ResultFiles
{
    /// <summary>
    /// Scores: header <c>id,score,anomaly</c> (1 flagged, 0 not), with the input's timestamp column after <c>id</c> and its
    /// label column at the end when it had them (a name that clashes with another column gets the prefix <c>input_</c>).
    /// </summary>
    public static void WriteScores(string path, ScoredInput scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var csv = new StringBuilder();
        var timestamps = scored.TimestampColumn is not null ? scored.Timestamps : null;
        var labels = scored.LabelColumn is not null ? scored.Labels : null;
        var header = new List<string> { "id" };
        if (timestamps is not null)
        {
            header.Add(InputColumn(scored.TimestampColumn!, ["id", "score", "anomaly"]));
        }

        header.AddRange(["score", "anomaly"]);
        if (labels is not null)
        {
            header.Add(InputColumn(scored.LabelColumn!, [.. header]));
        }

        if (scored.Explanations is not null)
        {
            header.Add("explanation");
        }

        Line(csv, header);
        for (var row = 0; row < scored.Ids.Count; row++)
        {
            var fields = new List<string> { scored.Ids[row] };
            if (timestamps is not null)
            {
                fields.Add(timestamps[row]);
            }

            fields.AddRange([scored.Scores[row].ToString("R", CultureInfo.InvariantCulture), scored.Flags[row] ? "1" : "0"]);
            if (labels is not null)
            {
                fields.Add(labels[row]);
            }

            if (scored.Explanations is { } explanations)
            {
                fields.Add(explanations[row]);
            }

            Line(csv, fields);
        }

        AtomicFile.WriteAllText(path, csv.ToString());
    }

    /// <summary>
    /// Codes: header <c>id,z0,…,z{k-1}</c>, one row per sample, with a timestamp column after <c>id</c> when
    /// <paramref name="timestampColumn"/> is given (its first rows' timestamps: for a time series, each window's first step).
    /// </summary>
    public static void WriteCodes(string path, IReadOnlyList<string> ids, Tensor codes, string? timestampColumn = null, IReadOnlyList<string>? timestamps = null)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(codes);
        WriteRows(path, ids, [.. Enumerable.Range(0, (int)codes.shape[1]).Select(i => string.Create(CultureInfo.InvariantCulture, $"z{i}"))], codes,
            timestampColumn, timestamps);
    }

    /// <summary>
    /// Rows of values under the given column names: header <c>id,columns…</c>; <paramref name="values"/> is <c>(rows, columns)</c>.
    /// With <paramref name="timestampColumn"/>, a column of that name (prefixed <c>input_</c> on a clash) after <c>id</c>
    /// holds the first rows of <paramref name="timestamps"/>.
    /// </summary>
    public static void WriteRows(string path, IReadOnlyList<string> ids, IReadOnlyList<string> columns, Tensor values,
        string? timestampColumn = null, IReadOnlyList<string>? timestamps = null)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(values);
        if (values.dim() != 2 || values.shape[0] != ids.Count || values.shape[1] != columns.Count)
        {
            throw new ArgumentException($"values shaped [{string.Join(", ", values.shape)}] for {ids.Count} ids and {columns.Count} columns", nameof(values));
        }

        if (timestampColumn is not null && (timestamps is null || timestamps.Count < ids.Count))
        {
            throw new ArgumentException($"{timestamps?.Count ?? 0} timestamps for {ids.Count} rows", nameof(timestamps));
        }

        using var scope = NewDisposeScope();
        var data = values.to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
        var csv = new StringBuilder();
        Line(csv, timestampColumn is null ? ["id", .. columns] : ["id", InputColumn(timestampColumn, ["id", .. columns]), .. columns]);
        var width = columns.Count;
        for (var row = 0; row < ids.Count; row++)
        {
            var numbers = data.AsSpan(row * width, width).ToArray().Select(value => value.ToString("R", CultureInfo.InvariantCulture));
            Line(csv, timestampColumn is null ? [ids[row], .. numbers] : [ids[row], timestamps![row], .. numbers]);
        }

        AtomicFile.WriteAllText(path, csv.ToString());
    }

    // A column copied from the input keeps its name unless an output column has it already.
    private static string InputColumn(string name, IReadOnlyCollection<string> taken) => taken.Contains(name) ? $"input_{name}" : name;

    private static void Line(StringBuilder csv, IEnumerable<string> fields) => csv.AppendJoin(',', fields.Select(Quote)).Append('\n');

    /// <summary>A CSV field, quoted when it holds a comma, quote or line break.</summary>
    internal static string CsvField(string field) => Quote(field);

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
