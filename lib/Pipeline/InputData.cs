using Autoencoders.Data;
using Autoencoders.Data.TimeSeries;
using static TorchSharp.torch;

namespace Autoencoders.Pipeline;

/// <summary>
/// New data read for a trained model by <see cref="InputReader.Read"/>: raw samples in the data's own units (the model's
/// scaler is applied later, by the model), with what identifies each one. Owns its tensor (dispose it).
/// </summary>
public sealed class InputData : IDisposable
{
    internal InputData(string source, DataFormat format, Tensor samples, IReadOnlyList<string> ids, IReadOnlyList<string>? columns,
        string? labelColumn, IReadOnlyList<string>? labels, int? steps, Timestamps? timestamps = null, IReadOnlyList<string>? warnings = null)
    {
        Source = source;
        Format = format;
        Samples = samples.DetachFromDisposeScope();
        Ids = ids;
        Columns = columns;
        LabelColumn = labelColumn;
        Labels = labels;
        Steps = steps;
        TimestampColumn = timestamps?.Column;
        Timestamps = timestamps?.Texts;
        Warnings = warnings ?? [];
    }

    /// <summary>The path the data were read from.</summary>
    public string Source { get; }

    /// <summary>Images, table rows or time-series windows.</summary>
    public DataFormat Format { get; }

    /// <summary>
    /// The samples in the data's units, <c>(n, ...)</c> in the model's sample shape: images in [0, 1], table rows, or the
    /// windows of the series with stride 1 (every window of the model's length).
    /// </summary>
    public Tensor Samples { get; }

    /// <summary>
    /// What names each output row: the 0-based row (CSV, IDX) or the file name (images); for a time series, one id per
    /// step (its 0-based row), since results are reported per step.
    /// </summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>The feature columns (table) or channels (windows), in model order; null for images.</summary>
    public IReadOnlyList<string>? Columns { get; }

    /// <summary>The name of the label column copied through to the output, or null when the input has none.</summary>
    public string? LabelColumn { get; }

    /// <summary>The labels as written in the input, one per id (per step for a time series), or null.</summary>
    public IReadOnlyList<string>? Labels { get; }

    /// <summary>The name of the input's timestamp column, or null when it has none.</summary>
    public string? TimestampColumn { get; }

    /// <summary>Each id's timestamp as written in the input (one per row, per step for a time series), or null.</summary>
    public IReadOnlyList<string>? Timestamps { get; }

    /// <summary>Things about the input worth a warning that did not stop it being read (gaps in a series' timestamps), one line each.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>For a time series: its number of steps (rows); null otherwise.</summary>
    public int? Steps { get; }

    /// <summary>Number of samples (windows for a time series).</summary>
    public long Count => Samples.shape[0];

    /// <inheritdoc/>
    public void Dispose() => Samples.Dispose();
}
