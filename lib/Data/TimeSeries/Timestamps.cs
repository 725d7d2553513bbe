using System.Globalization;

namespace Autoencoders.Data.TimeSeries;

/// <summary>
/// The timestamp column of a CSV file: one ISO-8601 date-time per row (<c>2014-04-01 00:05:00</c>,
/// <c>2014-04-01T00:05:00Z</c>, <c>2014-04-01T00:05:00.5+02:00</c>, or a date alone). It names the rows in outputs
/// and is the x axis of charts; it is never a feature. Rows stay in file order: a repeated timestamp or a step back
/// in time is kept and reported in one line (<see cref="OrderWarning"/>), and so are gaps longer than the usual step
/// (<see cref="GapWarning"/>).
/// </summary>
public sealed class Timestamps
{
    /// <summary>
    /// A step counts as a gap when it is longer than this many usual steps: one missing row makes a step twice the
    /// usual one, while the jitter of a clock that samples "about every 5 minutes" stays well below 1.5 times.
    /// </summary>
    public const double GapFactor = 1.5;

    private const int ShownGaps = 3;

    // Date-times as ISO 8601 writes them, with a 'T' or a space between date and time (NAB and pandas write a space),
    // with or without seconds, a fraction and an offset.
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mmK",
        "yyyy-MM-dd",
    ];

    private readonly int[] _lines;

    internal Timestamps(string path, string column, IReadOnlyList<string> texts, IReadOnlyList<DateTimeOffset> values, int[] lines)
    {
        Path = path;
        Column = column;
        Texts = texts;
        Values = values;
        _lines = lines;
    }

    /// <summary>The file the timestamps were read from.</summary>
    public string Path { get; }

    /// <summary>The name of the timestamp column.</summary>
    public string Column { get; }

    /// <summary>Each row's timestamp as written in the file (trimmed), for outputs.</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>Each row's timestamp as an instant (a text without an offset is taken as UTC).</summary>
    public IReadOnlyList<DateTimeOffset> Values { get; }

    /// <summary>Number of rows.</summary>
    public int Count => Values.Count;

    /// <summary>
    /// The median of the forward steps between consecutive rows (zero without any): repeated timestamps and steps
    /// back in time are left out, so a few of them do not change it.
    /// </summary>
    public TimeSpan UsualStep
    {
        get
        {
            var steps = Enumerable.Range(1, Math.Max(0, Count - 1)).Select(row => (Values[row] - Values[row - 1]).Ticks).Where(ticks => ticks > 0).Order().ToArray();
            if (steps.Length == 0)
            {
                return TimeSpan.Zero;
            }

            var middle = steps.Length / 2;
            return TimeSpan.FromTicks(steps.Length % 2 == 1 ? steps[middle] : (steps[middle - 1] / 2) + (steps[middle] / 2));
        }
    }

    /// <summary>Parses one ISO-8601 date-time (see the class summary for the forms accepted).</summary>
    /// <param name="text">The text, e.g. <c>2014-04-01 00:05:00</c>.</param>
    /// <param name="value">The instant; a text without an offset is taken as UTC.</param>
    public static bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text?.Trim(), Formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    /// <summary>
    /// The rows whose timestamp is not later than the row before it (repeated or a step back in time), in file order.
    /// They are kept where they are: a series is read in file order, as NAB reads its files (8 of its 58 files repeat
    /// a timestamp and one steps back), and sorting would move values away from their neighbours.
    /// </summary>
    public IReadOnlyList<TimeOrderIssue> OrderIssues()
    {
        var issues = new List<TimeOrderIssue>();
        for (var row = 1; row < Count; row++)
        {
            if (Values[row] <= Values[row - 1])
            {
                issues.Add(new TimeOrderIssue(row, _lines[row], _lines[row - 1], Texts[row], Texts[row - 1], Values[row] == Values[row - 1]));
            }
        }

        return issues;
    }

    /// <summary>
    /// One line saying how many rows repeat a timestamp or step back in time and where the first ones are (see
    /// <see cref="OrderIssues"/>); null when the timestamps only increase. The rows stay in file order.
    /// </summary>
    public string? OrderWarning()
    {
        var issues = OrderIssues();
        if (issues.Count == 0)
        {
            return null;
        }

        var repeats = issues.Count(issue => issue.Repeated);
        var back = issues.Count - repeats;
        var counts = string.Join(" and ", new[] { (repeats, "repeated"), (back, "earlier than the row before") }
            .Where(part => part.Item1 > 0)
            .Select(part => string.Create(CultureInfo.InvariantCulture, $"{part.Item1} {part.Item2}")));
        var shown = string.Join("; ", issues.Take(ShownGaps).Select(issue => issue.Repeated
            ? $"line {issue.Line} repeats line {issue.PreviousLine}'s {issue.Text}"
            : $"line {issue.Line} ({issue.Text}) is earlier than line {issue.PreviousLine}'s ({issue.PreviousText})"));
        var more = issues.Count > ShownGaps ? $"; and {issues.Count - ShownGaps} more" : "";
        var rows = issues.Count == 1 ? "1 row" : $"{issues.Count} rows";
        return $"{Path}: the timestamps in '{Column}' are not increasing at {rows} ({counts}): {shown}{more}; the rows are kept in file order";
    }

    /// <summary>The <see cref="OrderWarning"/> and the <see cref="GapWarning"/>, those that apply, in that order.</summary>
    public IReadOnlyList<string> Warnings() => new[] { OrderWarning(), GapWarning() }.OfType<string>().ToList();

    /// <summary>
    /// The steps longer than <see cref="GapFactor"/> times the <see cref="UsualStep"/>, in file order: where the
    /// series has missing rows. A step back in time is never a gap (<see cref="OrderIssues"/> reports it).
    /// </summary>
    public IReadOnlyList<TimeGap> Gaps()
    {
        var usual = UsualStep;
        var gaps = new List<TimeGap>();
        for (var row = 1; row < Count && usual > TimeSpan.Zero; row++)
        {
            var step = Values[row] - Values[row - 1];
            if (step.Ticks > GapFactor * usual.Ticks)
            {
                gaps.Add(new TimeGap(row, _lines[row], Texts[row - 1], Texts[row], step));
            }
        }

        return gaps;
    }

    /// <summary>
    /// One line describing the gaps (<see cref="Gaps"/>): how many, the usual step, and where the first ones are and
    /// how long; null when there are none. Windows over a gap join steps that are further apart than usual.
    /// </summary>
    public string? GapWarning()
    {
        var gaps = Gaps();
        if (gaps.Count == 0)
        {
            return null;
        }

        var shown = string.Join("; ", gaps.Take(ShownGaps).Select(gap => $"{Describe(gap.Length)} before line {gap.Line} ({gap.Before} to {gap.After})"));
        var more = gaps.Count > ShownGaps ? $"; and {gaps.Count - ShownGaps} more" : "";
        var count = gaps.Count == 1 ? "1 gap" : $"{gaps.Count} gaps";
        return $"{Path}: the timestamps in '{Column}' have {count} longer than the usual step of {Describe(UsualStep)}: {shown}{more}; windows across a gap join rows further apart than usual";
    }

    /// <summary>A duration in the largest units that fit it exactly, e.g. <c>5 min</c>, <c>1 h 35 min</c>, <c>2 d 3 h</c>.</summary>
    public static string Describe(TimeSpan length)
    {
        var parts = new List<string>();
        void Add(int amount, string unit)
        {
            if (amount != 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{amount} {unit}"));
            }
        }

        Add(length.Days, "d");
        Add(length.Hours, "h");
        Add(length.Minutes, "min");
        var seconds = length.Seconds + (length.Ticks % TimeSpan.TicksPerSecond / (double)TimeSpan.TicksPerSecond);
        if (seconds != 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{seconds:0.###} s"));
        }

        return parts.Count == 0 ? "0 s" : string.Join(' ', parts);
    }
}

/// <summary>A step between two rows longer than a series' usual step.</summary>
/// <param name="Row">The 0-based row after the gap.</param>
/// <param name="Line">The file line of that row (the header is line 1).</param>
/// <param name="Before">The timestamp before the gap, as written.</param>
/// <param name="After">The timestamp after the gap, as written.</param>
/// <param name="Length">The step's length.</param>
public sealed record TimeGap(int Row, int Line, string Before, string After, TimeSpan Length);

/// <summary>A row whose timestamp is not later than the row before it.</summary>
/// <param name="Row">The 0-based row.</param>
/// <param name="Line">The file line of that row (the header is line 1).</param>
/// <param name="PreviousLine">The file line of the row before it.</param>
/// <param name="Text">Its timestamp, as written.</param>
/// <param name="PreviousText">The timestamp of the row before it, as written.</param>
/// <param name="Repeated">True when the two timestamps are the same instant, false when this one is earlier.</param>
public sealed record TimeOrderIssue(int Row, int Line, int PreviousLine, string Text, string PreviousText, bool Repeated);
