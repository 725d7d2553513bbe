using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Plots;

namespace Autoencoders.Tests.Plots;

public sealed class TimeSeriesChartsTests
{
    private static readonly double[] Signal = [.. Enumerable.Range(0, 12).Select(step => (double)step)];
    private static readonly string[] Times = [.. Enumerable.Range(0, 12).Select(step => $"2014-04-01T0{step / 6}:{step % 6 * 10:00}:00+01:00")];

    [Fact]
    public void The_anomaly_chart_marks_the_flagged_steps_and_shades_each_labelled_range()
    {
        var flags = Signal.Select(value => value is 4 or 5 or 9).ToArray();

        var chart = ChartJson.Of(TimeSeriesCharts.Anomalies(Signal, flags, [new StepRange(3, 6)], channel: "load"));

        Assert.Equal(["load", "flagged (3)"], chart.TraceNames);
        Assert.Equal([4.0, 5.0, 9.0], chart.Traces[1].GetProperty("y").EnumerateArray().Select(y => y.GetDouble()));
        var shape = Assert.Single(chart.Layout.GetProperty("shapes").EnumerateArray());
        Assert.Equal(3, shape.GetProperty("x0").GetInt32());
        Assert.Equal(6, shape.GetProperty("x1").GetInt32());
        Assert.Equal("step", chart.Layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("load: 3 of 12 steps flagged", chart.Title);
    }

    [Fact]
    public void Timestamps_become_the_x_axis_in_utc()
    {
        var chart = ChartJson.Of(TimeSeriesCharts.Anomalies(Signal, new bool[12], [new StepRange(0, 1)], Times));

        // 2014-04-01T00:10:00+01:00 is 2014-03-31 23:10 UTC.
        Assert.Equal("2014-03-31 23:10:00.000", chart.Traces[0].GetProperty("x")[1].GetString());
        Assert.Equal("2014-03-31 23:00:00.000", chart.Layout.GetProperty("shapes")[0].GetProperty("x0").GetString());
        Assert.Equal("time (UTC)", chart.Layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Column_names_and_titles_from_the_data_are_html_escaped()
    {
        var chart = ChartJson.Of(TimeSeriesCharts.Anomalies(Signal, new bool[12], channel: "<a href=x>v</a>", title: "<b>t</b>"));

        Assert.Equal("&lt;a href=x&gt;v&lt;/a&gt;", chart.TraceNames[0]);
        Assert.Equal("&lt;b&gt;t&lt;/b&gt;", chart.Title);
    }

    [Fact]
    public void The_score_chart_draws_the_threshold_as_a_dashed_line()
    {
        var chart = ChartJson.Of(TimeSeriesCharts.Scores(Signal, threshold: 7.5, "max", [new StepRange(8, 11)]));

        var shapes = chart.Layout.GetProperty("shapes").EnumerateArray().ToList();
        Assert.Equal(2, shapes.Count);
        Assert.Equal(7.5, shapes[1].GetProperty("y0").GetDouble());
        Assert.Equal("dash", shapes[1].GetProperty("line").GetProperty("dash").GetString());
        Assert.Contains("max = 7.5", chart.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_windows_reconstruction_lies_over_its_steps_and_the_view_spans_a_window_each_side()
    {
        var chart = ChartJson.Of(TimeSeriesCharts.WindowReconstruction(Signal, [4.5, 5.5, 6.5], start: 4, score: 0.25));

        Assert.Equal(["value", "reconstruction"], chart.TraceNames);
        Assert.Equal([4, 5, 6], chart.Traces[1].GetProperty("x").EnumerateArray().Select(x => x.GetInt32()));
        Assert.Equal([1, 9], chart.Layout.GetProperty("xaxis").GetProperty("range").EnumerateArray().Select(x => x.GetInt32()));
        Assert.Contains("step 4", chart.Title, StringComparison.Ordinal);
        Assert.Contains("score 0.25", chart.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signal_is_one_line_over_its_steps()
    {
        var chart = ChartJson.Of(TimeSeriesCharts.Signal(Signal, Times, "load"));

        Assert.Equal(["load"], chart.TraceNames);
        Assert.Equal(12, chart.Traces[0].GetProperty("y").GetArrayLength());
        Assert.Equal("load, 12 steps", chart.Title);
    }

    [Fact]
    public void Lengths_that_do_not_match_the_signal_are_refused()
    {
        Assert.Throws<ArgumentException>(() => TimeSeriesCharts.Anomalies(Signal, new bool[11]));
        Assert.Throws<ArgumentException>(() => TimeSeriesCharts.WindowReconstruction(Signal, [1, 2, 3], start: 10));
        Assert.Throws<ArgumentException>(() => TimeSeriesCharts.Anomalies(Signal, new bool[12], timestamps: ["x", .. Times[1..]]));
    }
}
