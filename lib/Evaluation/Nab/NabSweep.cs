namespace Autoencoders.Evaluation.Nab;

/// <summary>One row as NAB's scorer sees it before a threshold is chosen.</summary>
/// <param name="Weighted">What detecting this row would count under the profile: inside a window its true-positive
/// value (the scaled sigmoid of its position, so the window's first row earns the full weight); outside, its
/// (negative) false-positive value, smaller the further it is past the last window.</param>
/// <param name="Window">The window (0-based, in time order) the row is in, or -1.</param>
/// <param name="Scored">False for the probationary rows at the start, which NAB never scores.</param>
public readonly record struct NabRow(double Weighted, int Window, bool Scored);

/// <summary>
/// NAB's per-row scoring function (its <c>Sweeper.calcSweepScore</c>, written again from NAB's description and code):
/// the scaled sigmoid S(t) of a row's position relative to the labelled windows, weighted by a profile.
/// </summary>
public static class NabSweep
{
    /// <summary>The share of each file NAB leaves unscored at the start (the probationary period).</summary>
    public const double ProbationFraction = 0.15;

    // NAB caps the probationary period at 15 % of 5000 rows.
    private const double ProbationCap = ProbationFraction * 5000;

    /// <summary>
    /// The probationary rows of a file of <paramref name="rows"/> rows: 15 % of them, at most 750 (NAB's
    /// <c>min(floor(0.15 n), 0.15 · 5000)</c>). A detector may learn from them; they are never scored.
    /// </summary>
    public static int ProbationLength(int rows) => (int)Math.Ceiling(Math.Min(Math.Floor(ProbationFraction * rows), ProbationCap));

    /// <summary>
    /// NAB's scaled sigmoid: <c>2 / (1 + e^(5x)) − 1</c>, and −1 beyond x = 3. x = −1 is a window's first row
    /// (0.98661), x = 0 its last (0), x &gt; 0 rows past it, as a fraction of the window's width.
    /// </summary>
    public static double ScaledSigmoid(double position) =>
        position > 3.0 ? -1.0 : (2 * (1 / (1 + Math.Exp(5 * position)))) - 1.0;

    /// <summary>
    /// Each row's <see cref="NabRow"/> under a profile. Windows open at the row whose timestamp is their start and
    /// close after the row whose timestamp is their end, in file order; a window's width is counted in rows between
    /// the first rows holding its two timestamps, as NAB counts it.
    /// </summary>
    /// <param name="series">The series and its windows.</param>
    /// <param name="profile">The profile's weights.</param>
    public static NabRow[] Rows(NabSeries series, NabProfile profile)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(profile);
        var times = series.Timestamps.Values;
        var windows = series.Windows;
        var maxTruePositive = ScaledSigmoid(-1.0);
        // Compared as a double, as NAB compares the row index with min(floor(0.15 n), 750.0).
        var probation = Math.Min(Math.Floor(ProbationFraction * times.Count), ProbationCap);
        var rows = new NabRow[times.Count];
        var next = 0;
        var current = -1;
        int right = 0, previousRight = -1;
        double width = 0, previousWidth = 0;
        for (var i = 0; i < times.Count; i++)
        {
            if (next < windows.Count && times[i] == windows[next].Start)
            {
                current = next++;
                right = IndexOf(times, windows[current].End);
                width = right - IndexOf(times, windows[current].Start) + 1;
            }

            double weighted;
            if (current >= 0)
            {
                weighted = ScaledSigmoid(-(right - i + 1) / width) * profile.TruePositiveWeight / maxTruePositive;
            }
            else
            {
                var unweighted = previousRight < 0 ? -1.0 : ScaledSigmoid(Math.Abs(previousRight - i) / (previousWidth - 1));
                weighted = unweighted * profile.FalsePositiveWeight;
            }

            rows[i] = new NabRow(weighted, current, i >= probation);
            if (current >= 0 && times[i] == windows[current].End)
            {
                previousRight = i;
                previousWidth = width;
                current = -1;
            }
        }

        return rows;
    }

    private static int IndexOf(IReadOnlyList<DateTimeOffset> times, DateTimeOffset time)
    {
        for (var i = 0; i < times.Count; i++)
        {
            if (times[i] == time)
            {
                return i;
            }
        }

        return -1;
    }
}
