using static TorchSharp.torch;

namespace Autoencoders.Data.TimeSeries;

/// <summary>
/// Cuts a series of <c>T</c> steps into overlapping windows of <c>length</c> steps that start every
/// <c>stride</c> steps: <c>floor((T - length) / stride) + 1</c> windows; steps after the last full window are dropped.
/// </summary>
public static class SlidingWindows
{
    /// <summary>How many windows a series of <paramref name="steps"/> steps gives.</summary>
    /// <param name="steps">Length of the series.</param>
    /// <param name="length">Window length, 1 to <paramref name="steps"/>.</param>
    /// <param name="stride">Steps between window starts, at least 1.</param>
    public static long Count(long steps, int length, int stride)
    {
        Check(steps, length, stride);
        return ((steps - length) / stride) + 1;
    }

    /// <summary>
    /// Windows of a series: <c>(T, channels)</c> (or <c>(T)</c>, one channel) to <c>(n_windows, length, channels)</c>,
    /// a new contiguous tensor of the same type.
    /// </summary>
    /// <param name="series">Steps along the first dimension.</param>
    /// <param name="length">Window length, 1 to T.</param>
    /// <param name="stride">Steps between window starts, at least 1.</param>
    public static Tensor Create(Tensor series, int length, int stride)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.dim() is not (1 or 2))
        {
            throw new ArgumentException($"expected a series of shape (T, channels) or (T), got [{string.Join(", ", series.shape)}]", nameof(series));
        }

        Check(series.shape[0], length, stride);
        using var scope = NewDisposeScope();
        var steps = series.dim() == 1 ? series.unsqueeze(1) : series;
        return steps.unfold(0, length, stride).permute(0, 2, 1).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Window labels from per-step labels <c>(T)</c>: int64 <c>(n_windows)</c>, 1 when any step in the window has a
    /// non-zero label (is anomalous), else 0.
    /// </summary>
    /// <param name="stepLabels">One label per step, 0 meaning normal.</param>
    /// <param name="length">Window length, as given to <see cref="Create"/>.</param>
    /// <param name="stride">Stride, as given to <see cref="Create"/>.</param>
    public static Tensor Labels(Tensor stepLabels, int length, int stride)
    {
        ArgumentNullException.ThrowIfNull(stepLabels);
        if (stepLabels.dim() != 1)
        {
            throw new ArgumentException($"expected one label per step, shape (T), got [{string.Join(", ", stepLabels.shape)}]", nameof(stepLabels));
        }

        Check(stepLabels.shape[0], length, stride);
        using var scope = NewDisposeScope();
        var anomalous = stepLabels.ne(0).to_type(ScalarType.Int64);
        return anomalous.unfold(0, length, stride).amax(1).MoveToOuterDisposeScope();
    }

    private static void Check(long steps, int length, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        if (length > steps)
        {
            throw new ArgumentOutOfRangeException(
                nameof(length), length, $"a window of {length} steps is longer than the series ({steps} steps); use a length of at most {steps}");
        }
    }
}
