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

    /// <summary>
    /// Step scores from the scores of windows cut with stride 1: each step gets the lowest score of the windows that hold
    /// it, so a step counts as anomalous (score above a threshold) only when every window holding it does — the rule of
    /// keras-io's time-series anomaly example. <paramref name="windowScores"/> has <c>steps − length + 1</c> entries.
    /// </summary>
    public static double[] MinimumPerStep(IReadOnlyList<double> windowScores, int steps, int length)
    {
        ArgumentNullException.ThrowIfNull(windowScores);
        Check(steps, length, 1);
        if (windowScores.Count != steps - length + 1)
        {
            throw new ArgumentException($"{windowScores.Count} window scores for {steps} steps and windows of {length}; expected {steps - length + 1}", nameof(windowScores));
        }

        var result = new double[steps];
        for (var step = 0; step < steps; step++)
        {
            var first = Math.Max(0, step - length + 1);
            var last = Math.Min(step, windowScores.Count - 1);
            var lowest = double.PositiveInfinity;
            for (var window = first; window <= last; window++)
            {
                lowest = Math.Min(lowest, windowScores[window]);
            }

            result[step] = lowest;
        }

        return result;
    }

    /// <summary>
    /// The series back from windows cut with stride 1, <c>(n_windows, length, channels)</c> to <c>(steps, channels)</c>:
    /// each step is the mean of its values in the windows that hold it (overlap-add), e.g. to turn window reconstructions
    /// into one reconstructed series.
    /// </summary>
    public static Tensor MeanPerStep(Tensor windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.dim() != 3)
        {
            throw new ArgumentException($"expected windows of shape (n_windows, length, channels), got [{string.Join(", ", windows.shape)}]", nameof(windows));
        }

        using var scope = NewDisposeScope();
        var (count, length, channels) = (windows.shape[0], windows.shape[1], windows.shape[2]);
        var steps = count + length - 1;
        var sum = zeros([steps, channels], dtype: ScalarType.Float64);
        var hits = zeros([steps, 1], dtype: ScalarType.Float64);
        var wide = windows.to_type(ScalarType.Float64);
        for (var offset = 0; offset < length; offset++)
        {
            // Position `offset` of window w is step w + offset: add every window's value there in one slice.
            sum.narrow(0, offset, count).add_(wide.select(1, offset));
            hits.narrow(0, offset, count).add_(1);
        }

        return (sum / hits).to_type(windows.dtype).MoveToOuterDisposeScope();
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
