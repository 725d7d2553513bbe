using System.Globalization;
using Autoencoders.Data;
using Autoencoders.Data.TimeSeries;

namespace Autoencoders.Evaluation.Anomaly;

/// <summary>An inclusive range of 0-based steps (rows) of a series, e.g. a labelled anomaly window.</summary>
/// <param name="First">The first step in the range.</param>
/// <param name="Last">The last step in the range, at least <paramref name="First"/>.</param>
public sealed record StepRange(int First, int Last)
{
    /// <summary>Number of steps in the range.</summary>
    public int Length => Last - First + 1;

    /// <summary>Whether <paramref name="step"/> lies in the range.</summary>
    public bool Contains(int step) => step >= First && step <= Last;

    /// <summary>
    /// Reads ranges written <c>FIRST..LAST</c>, several separated by commas: each end is a 0-based row
    /// (<c>2787..3189</c>) or, when the series has <paramref name="timestamps"/>, a date-time
    /// (<c>2014-04-10 16:15:00..2014-04-12 01:45:00</c>: the steps from the first at or after the start to the last at
    /// or before the end, as NAB's label files give them).
    /// </summary>
    /// <param name="text">The ranges.</param>
    /// <param name="steps">The series' number of steps: every range must lie inside it.</param>
    /// <param name="timestamps">The series' timestamps as written, one per step, or null.</param>
    /// <exception cref="DataInputException">A range is malformed, reversed, outside the series, or holds no step.</exception>
    public static IReadOnlyList<StepRange> Parse(string text, int steps, IReadOnlyList<string>? timestamps = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var times = timestamps?.Select(time => Timestamps.TryParse(time, out var value) ? value : (DateTimeOffset?)null).ToArray();
        var ranges = new List<StepRange>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var ends = part.Split("..", StringSplitOptions.TrimEntries);
            if (ends.Length != 2)
            {
                throw new DataInputException($"anomaly range '{part}': write FIRST..LAST, e.g. 2787..3189 (0-based rows) or 2014-04-10 16:15:00..2014-04-12 01:45:00");
            }

            var range = int.TryParse(ends[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                && int.TryParse(ends[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                ? new StepRange(first, last)
                : ByTime(part, ends[0], ends[1], times);
            if (range.First > range.Last || range.Last >= steps)
            {
                throw new DataInputException(
                    $"anomaly range '{part}': steps {range.First}..{range.Last} do not lie in order inside the series' {steps} steps (0 to {steps - 1})");
            }

            ranges.Add(range);
        }

        return ranges.Count > 0 ? ranges : throw new DataInputException("no anomaly range given; write FIRST..LAST, e.g. 2787..3189");
    }

    private static StepRange ByTime(string part, string start, string end, DateTimeOffset?[]? times)
    {
        if (times is null || !Timestamps.TryParse(start, out var from) || !Timestamps.TryParse(end, out var to))
        {
            throw new DataInputException(times is null
                ? $"anomaly range '{part}': give 0-based rows (e.g. 2787..3189); date-times need a series with a timestamp column"
                : $"anomaly range '{part}': each end must be a 0-based row or an ISO-8601 date-time such as 2014-04-10 16:15:00");
        }

        var inside = Enumerable.Range(0, times.Length).Where(step => times[step] is { } time && time >= from && time <= to).ToList();
        return inside.Count > 0
            ? new StepRange(inside[0], inside[^1])
            : throw new DataInputException($"anomaly range '{part}': no timestamp of the series lies in it");
    }
}

/// <summary>How one labelled range was detected.</summary>
/// <param name="Range">The labelled range.</param>
/// <param name="FirstFlagged">The first flagged step inside it, or null when none is flagged.</param>
/// <param name="FlaggedSteps">How many of its steps are flagged.</param>
public sealed record RangeHit(StepRange Range, int? FirstFlagged, int FlaggedSteps)
{
    /// <summary>Whether any step of the range is flagged.</summary>
    public bool Detected => FirstFlagged is not null;

    /// <summary>Steps from the range's start to its first flagged step (0: flagged at once), or null when not detected.</summary>
    public int? Delay => FirstFlagged - Range.First;
}

/// <summary>
/// Point-level detection of labelled anomaly ranges in a series (what keras-io's example leaves out): each step is a
/// sample, anomalous when it lies in a labelled range, flagged or not by the detector. Precision, recall and F1 count
/// steps (<see cref="Metrics"/>); for each range, whether and how soon it was flagged; and the flagged steps outside
/// every range (false alarms).
/// </summary>
/// <param name="Steps">Steps in the series.</param>
/// <param name="Metrics">Step-level counts and ratios (the flags counted as scores 1 and 0 against a threshold of 0.5).</param>
/// <param name="Ranges">Each labelled range and how it was detected.</param>
public sealed record RangeDetection(int Steps, ClassificationMetrics Metrics, IReadOnlyList<RangeHit> Ranges)
{
    /// <summary>Flagged steps outside every labelled range.</summary>
    public int FalsePositives => Metrics.FalsePositives;

    /// <summary>How many labelled ranges have at least one flagged step.</summary>
    public int RangesDetected => Ranges.Count(hit => hit.Detected);

    /// <summary>Scores <paramref name="flags"/> (one per step) against the labelled <paramref name="ranges"/>.</summary>
    /// <param name="flags">True for each flagged step.</param>
    /// <param name="ranges">The labelled anomalies, inside the series.</param>
    public static RangeDetection Evaluate(IReadOnlyList<bool> flags, IReadOnlyList<StepRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(ranges);
        if (ranges.Any(range => range.First < 0 || range.First > range.Last || range.Last >= flags.Count))
        {
            throw new ArgumentException($"every range must lie in order inside the {flags.Count} steps", nameof(ranges));
        }

        var isAnomaly = new bool[flags.Count];
        foreach (var range in ranges)
        {
            Array.Fill(isAnomaly, true, range.First, range.Length);
        }

        var scores = flags.Select(flag => flag ? 1.0 : 0.0).ToArray();
        var hits = ranges.Select(range =>
        {
            var flagged = Enumerable.Range(range.First, range.Length).Where(step => flags[step]).ToList();
            return new RangeHit(range, flagged.Count > 0 ? flagged[0] : null, flagged.Count);
        }).ToList();
        return new RangeDetection(flags.Count, ClassificationMetrics.At(scores, isAnomaly, threshold: 0.5), hits);
    }

    /// <summary>
    /// Step flags from window flags, by keras-io's rule: a step is flagged when every window that holds it is flagged
    /// (windows of <paramref name="length"/> steps, stride 1, window <c>w</c> starting at step <c>w</c>).
    /// </summary>
    /// <param name="windowFlags">One flag per window: <c>steps − length + 1</c> of them.</param>
    /// <param name="length">The window length.</param>
    public static bool[] StepsOfWindows(IReadOnlyList<bool> windowFlags, int length)
    {
        ArgumentNullException.ThrowIfNull(windowFlags);
        var steps = windowFlags.Count + length - 1;
        var lowest = SlidingWindows.MinimumPerStep([.. windowFlags.Select(flag => flag ? 1.0 : 0.0)], steps, length);
        return [.. lowest.Select(value => value > 0.5)];
    }

    /// <summary>
    /// One line with the figures: precision, recall and F1 over steps; per range the first flagged step and the delay
    /// (with the time it spans when <paramref name="timestamps"/> are given); the false alarms outside the ranges.
    /// </summary>
    /// <param name="timestamps">The series' timestamps as written, one per step, or null.</param>
    public string Describe(IReadOnlyList<string>? timestamps = null)
    {
        var invariant = CultureInfo.InvariantCulture;
        var ranges = string.Join("; ", Ranges.Select(hit => hit.FirstFlagged is { } first
            ? string.Create(invariant, $"range {hit.Range.First}..{hit.Range.Last}: {hit.FlaggedSteps} of {hit.Range.Length} steps flagged, the first at step {first}, {hit.Delay} steps{Span(timestamps, hit.Range.First, first)} after the range's start")
            : string.Create(invariant, $"range {hit.Range.First}..{hit.Range.Last}: not detected")));
        return string.Create(invariant,
            $"point-level precision {Metrics.Precision:F3}, recall {Metrics.Recall:F3}, F1 {Metrics.F1:F3}; {ranges}; {FalsePositives} flagged steps outside the labelled range{(Ranges.Count == 1 ? "" : "s")}");
    }

    private static string Span(IReadOnlyList<string>? timestamps, int from, int to) =>
        timestamps is not null && Timestamps.TryParse(timestamps[from], out var start) && Timestamps.TryParse(timestamps[to], out var end)
            ? $" ({Timestamps.Describe(end - start)})"
            : "";
}
