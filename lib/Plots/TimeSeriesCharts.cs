using System.Globalization;
using Autoencoders.Data.TimeSeries;
using Autoencoders.Evaluation.Anomaly;
using Plotly.NET;

namespace Autoencoders.Plots;

/// <summary>
/// Charts of a time series and what a model made of it: the signal with its flagged steps and the labelled anomalies
/// shaded, the step scores against the threshold, and one window's reconstruction over the signal. The x axis is the
/// series' timestamps when given (ISO-8601 texts, shown in UTC), else the step number.
/// </summary>
public static class TimeSeriesCharts
{
    private const string LabelledFill = "rgba(255, 165, 0, 0.22)";
    private const string FlagColour = "crimson";

    /// <summary>A signal as a line, over its timestamps or step numbers.</summary>
    /// <param name="values">The signal, one value per step.</param>
    /// <param name="timestamps">The steps' timestamps as written, or null for step numbers.</param>
    /// <param name="channel">The channel's name, for the axis and the legend.</param>
    /// <param name="title">The title (plain text), or null for the channel's name and length.</param>
    public static GenericChart Signal(IReadOnlyList<double> values, IReadOnlyList<string>? timestamps = null, string channel = "value", string? title = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var x = Axis(values.Count, timestamps);
        var line = Figure.Trace("scatter", ("name", Text(channel)), ("mode", "lines"), ("x", x.Values), ("y", values.ToArray()), ("line", new { color = "steelblue", width = 1 }));
        return Figure.Chart([line], 1000, 360,
            ("title", Figure.Title(title is null ? string.Create(CultureInfo.InvariantCulture, $"{Text(channel)}, {values.Count} steps") : Text(title))),
            ("xaxis", Figure.Axis(x.Title)),
            ("yaxis", Figure.Axis(Text(channel))));
    }

    /// <summary>The signal as a line, each flagged step as a red marker, and each labelled range shaded.</summary>
    /// <param name="values">The signal, one value per step (one channel, in the data's units).</param>
    /// <param name="flags">True for each flagged step (same length).</param>
    /// <param name="labelled">Labelled anomalies to shade, or null.</param>
    /// <param name="timestamps">The steps' timestamps as written, or null for step numbers.</param>
    /// <param name="channel">The channel's name, for the axis and the legend.</param>
    /// <param name="title">The title (plain text), or null for one that counts the flags.</param>
    public static GenericChart Anomalies(IReadOnlyList<double> values, IReadOnlyList<bool> flags, IReadOnlyList<StepRange>? labelled = null,
        IReadOnlyList<string>? timestamps = null, string channel = "value", string? title = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(flags);
        SameLength(values.Count, flags.Count, nameof(flags));
        var x = Axis(values.Count, timestamps);
        var flagged = Enumerable.Range(0, values.Count).Where(step => flags[step]).ToArray();
        var traces = new List<Trace>
        {
            Figure.Trace("scatter", ("name", Text(channel)), ("mode", "lines"), ("x", x.Values), ("y", values.ToArray()), ("line", new { color = "steelblue", width = 1 })),
            Figure.Trace("scatter", ("name", $"flagged ({flagged.Length})"), ("mode", "markers"), ("x", flagged.Select(step => x.Values[step]).ToArray()),
                ("y", flagged.Select(step => values[step]).ToArray()), ("marker", new { color = FlagColour, size = 5 })),
        };
        return Figure.Chart(traces, 1000, 420,
            ("title", Figure.Title(title is null ? string.Create(CultureInfo.InvariantCulture, $"{Text(channel)}: {flagged.Length} of {values.Count} steps flagged") : Text(title))),
            ("xaxis", Figure.Axis(x.Title)),
            ("yaxis", Figure.Axis(Text(channel))),
            ("shapes", Shaded(labelled, x)),
            ("annotations", Notes(labelled, x)));
    }

    /// <summary>The step scores as a line with the threshold as a horizontal line, the labelled ranges shaded.</summary>
    /// <param name="scores">One score per step (e.g. <c>ScoredInput.Scores</c>: the lowest score of the windows holding the step).</param>
    /// <param name="threshold">The threshold; steps above it are flagged.</param>
    /// <param name="thresholdName">How it was chosen, e.g. <c>max</c>.</param>
    /// <param name="labelled">Labelled anomalies to shade, or null.</param>
    /// <param name="timestamps">The steps' timestamps as written, or null for step numbers.</param>
    public static GenericChart Scores(IReadOnlyList<double> scores, double threshold, string thresholdName = "threshold", IReadOnlyList<StepRange>? labelled = null,
        IReadOnlyList<string>? timestamps = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var x = Axis(scores.Count, timestamps);
        var line = new { type = "line", xref = "paper", yref = "y", x0 = 0, x1 = 1, y0 = threshold, y1 = threshold, line = new { color = FlagColour, dash = "dash", width = 1 } };
        var trace = Figure.Trace("scatter", ("name", "score"), ("mode", "lines"), ("x", x.Values), ("y", scores.ToArray()), ("line", new { color = "dimgray", width = 1 }));
        return Figure.Chart([trace], 1000, 360,
            ("title", Figure.Title(string.Create(CultureInfo.InvariantCulture, $"Anomaly score per step, {Text(thresholdName)} = {threshold:G4} dashed"))),
            ("xaxis", Figure.Axis(x.Title)),
            ("yaxis", new { title = new { text = "score (reconstruction error)" }, type = "log" }),
            ("shapes", Shaded(labelled, x).Append(line).ToArray()),
            ("annotations", Notes(labelled, x)));
    }

    /// <summary>
    /// One window's reconstruction over the signal: the signal, the reconstruction of the window that starts at
    /// <paramref name="start"/> over its steps, and the window shaded; the view spans the window and one window length
    /// each side.
    /// </summary>
    /// <param name="values">The signal, one value per step (one channel, in the data's units).</param>
    /// <param name="reconstruction">The window's reconstruction, one value per step of the window, in the same units.</param>
    /// <param name="start">The window's first step.</param>
    /// <param name="timestamps">The steps' timestamps as written, or null for step numbers.</param>
    /// <param name="score">The window's score, shown in the title, or null.</param>
    /// <param name="channel">The channel's name.</param>
    public static GenericChart WindowReconstruction(IReadOnlyList<double> values, IReadOnlyList<double> reconstruction, int start,
        IReadOnlyList<string>? timestamps = null, double? score = null, string channel = "value")
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(reconstruction);
        var length = reconstruction.Count;
        if (start < 0 || length == 0 || start + length > values.Count)
        {
            throw new ArgumentException($"a window of {length} steps from step {start} does not fit a signal of {values.Count} steps", nameof(start));
        }

        var x = Axis(values.Count, timestamps);
        var traces = new[]
        {
            Figure.Trace("scatter", ("name", Text(channel)), ("mode", "lines"), ("x", x.Values), ("y", values.ToArray()), ("line", new { color = "steelblue", width = 1 })),
            Figure.Trace("scatter", ("name", "reconstruction"), ("mode", "lines"), ("x", x.Values.Skip(start).Take(length).ToArray()), ("y", reconstruction.ToArray()),
                ("line", new { color = "darkorange", width = 2 })),
        };
        var from = Math.Max(0, start - length);
        var to = Math.Min(values.Count - 1, start + (2 * length) - 1);
        var where = x.Timestamps ? $"{timestamps![start]} (step {start})" : $"step {start}";
        var scored = score is { } value ? string.Create(CultureInfo.InvariantCulture, $", score {value:G4}") : "";
        return Figure.Chart(traces, 1000, 420,
            ("title", Figure.Title($"The window from {Text(where)} and its reconstruction{scored}")),
            ("xaxis", new { title = new { text = x.Title }, range = new[] { x.Values[from], x.Values[to] } }),
            ("yaxis", Figure.Axis(Text(channel))),
            ("shapes", new object[] { Rectangle(x.Values[start], x.Values[start + length - 1], "rgba(128, 128, 128, 0.12)") }));
    }

    private static object[] Shaded(IReadOnlyList<StepRange>? labelled, XAxis x) =>
        labelled is null ? [] : [.. labelled.Select(range => Rectangle(x.Values[Clamp(range.First, x)], x.Values[Clamp(range.Last, x)], LabelledFill))];

    private static object[] Notes(IReadOnlyList<StepRange>? labelled, XAxis x) =>
        labelled is null ? [] : [.. labelled.Select(range => new
        {
            x = x.Values[Clamp(range.First, x)], y = 1, xref = "x", yref = "paper", text = "labelled anomaly", showarrow = false,
            xanchor = "left", yanchor = "bottom", font = new { size = 11, color = "darkorange" },
        })];

    private static object Rectangle(object from, object to, string fill) =>
        new { type = "rect", xref = "x", yref = "paper", x0 = from, x1 = to, y0 = 0, y1 = 1, fillcolor = fill, line = new { width = 0 }, layer = "below" };

    private static int Clamp(int step, XAxis x) => Math.Clamp(step, 0, x.Values.Length - 1);

    // Dates in the one form plotly.js reads without a time zone: UTC, "yyyy-MM-dd HH:mm:ss.fff".
    private static XAxis Axis(int steps, IReadOnlyList<string>? timestamps)
    {
        if (timestamps is not null)
        {
            SameLength(steps, timestamps.Count, nameof(timestamps));
            var dates = new object[steps];
            for (var step = 0; step < steps; step++)
            {
                if (!Timestamps.TryParse(timestamps[step], out var time))
                {
                    throw new ArgumentException($"timestamp {step} ('{timestamps[step]}') is not an ISO-8601 date-time", nameof(timestamps));
                }

                dates[step] = time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
            }

            return new XAxis(dates, "time (UTC)", Timestamps: true);
        }

        return new XAxis([.. Enumerable.Range(0, steps).Cast<object>()], "step", Timestamps: false);
    }

    private static void SameLength(int expected, int actual, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{actual} values for a signal of {expected} steps", name);
        }
    }

    // Column and file names come from the data: plotly.js renders a few HTML tags in titles and legends.
    private static string Text(string untrusted) => PlotText.Literal(untrusted);

    private sealed record XAxis(object[] Values, string Title, bool Timestamps);
}
