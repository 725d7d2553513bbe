using Autoencoders.Data.Tabular;
using static TorchSharp.torch;

namespace Autoencoders.Data.TimeSeries;

/// <summary>Windows cut from a time series, with their labels; owns its tensors (dispose it).</summary>
public sealed class TimeSeriesWindows : IDisposable
{
    /// <summary>Takes ownership of the tensors; they are detached from any dispose scope.</summary>
    /// <param name="windows">Windows, <c>(n_windows, length, channels)</c>.</param>
    /// <param name="labels">Window labels, <c>(n_windows)</c>, or null.</param>
    /// <param name="channels">Name of each channel.</param>
    /// <param name="timestamps">The series' timestamps, one per step, or null.</param>
    public TimeSeriesWindows(Tensor windows, Tensor? labels, IReadOnlyList<string> channels, Timestamps? timestamps = null)
    {
        ArgumentNullException.ThrowIfNull(windows);
        Windows = windows.DetachFromDisposeScope();
        Labels = labels?.DetachFromDisposeScope();
        Channels = channels;
        Timestamps = timestamps;
    }

    /// <summary>Windows, float32 <c>(n_windows, length, channels)</c>.</summary>
    public Tensor Windows { get; }

    /// <summary>1 for a window holding an anomalous step, else 0; int64 <c>(n_windows)</c>, or null.</summary>
    public Tensor? Labels { get; }

    /// <summary>Name of each channel, in the order of the last dimension.</summary>
    public IReadOnlyList<string> Channels { get; }

    /// <summary>The series' timestamps, one per step (not per window), or null when the file has no timestamp column.</summary>
    public Timestamps? Timestamps { get; }

    /// <summary>
    /// Repeated or out-of-order timestamps and gaps, one line each (<see cref="TimeSeries.Timestamps.Warnings"/>); empty
    /// when there are none or no timestamps.
    /// </summary>
    public IReadOnlyList<string> Warnings => Timestamps?.Warnings() ?? [];

    /// <summary>
    /// Reads the series from CSV columns (one row per step, in file order) and cuts it into windows. The file
    /// follows <see cref="CsvTable.Read"/>'s rules; the rows stay in file order even where a timestamp column (named, or
    /// found as the first column) repeats a time or steps back (<see cref="Warnings"/> says where). A missing column, a
    /// too-long window or a text label is a one-line <see cref="DataInputException"/>.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="options">Columns, window length and stride, label and timestamp columns.</param>
    public static TimeSeriesWindows FromCsv(string path, TimeSeriesCsvOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Columns is null || options.Columns.Count == 0)
        {
            throw new ArgumentException("name at least one column for the series", nameof(options));
        }

        CheckStride(path, options.Stride);
        return FromTable(CsvTable.Read(path, options.LabelColumn, timestampColumn: options.TimestampColumn), options);
    }

    /// <summary><see cref="FromCsv"/> on a table already read.</summary>
    internal static TimeSeriesWindows FromTable(CsvTable table, TimeSeriesCsvOptions options)
    {
        var path = table.Path;
        CheckStride(path, options.Stride);
        if (options.Length < 1 || options.Length > table.RowCount)
        {
            throw new DataInputException(
                $"{path}: a window of {options.Length} steps does not fit a series of {table.RowCount} rows; " +
                $"use a window length from 1 to {table.RowCount}");
        }

        if (table.ClassNames is not null)
        {
            throw new DataInputException(
                $"{path}: the label column '{table.LabelColumn}' holds text ('{table.ClassNames[0]}'); " +
                "per-step labels must be integers, 0 for a normal step and 1 for an anomalous one");
        }

        using var scope = NewDisposeScope();
        var series = table.ToFeatureTensor(options.Columns);
        var labels = table.ToLabelTensor();
        return new TimeSeriesWindows(
            SlidingWindows.Create(series, options.Length, options.Stride),
            labels is null ? null : SlidingWindows.Labels(labels, options.Length, options.Stride),
            [.. options.Columns],
            table.Timestamps);
    }

    private static void CheckStride(string path, int stride)
    {
        if (stride < 1)
        {
            throw new DataInputException($"{path}: the stride is {stride}; use a stride of at least 1 step");
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Windows.Dispose();
        Labels?.Dispose();
    }
}
