using Autoencoders.Data;
using Autoencoders.Evaluation.Anomaly;

namespace Autoencoders.Tests.Anomaly;

public sealed class RangeDetectionTests
{
    [Fact]
    public void Steps_are_counted_as_samples_against_the_labelled_range()
    {
        // 20 steps, labelled 5..9; flagged: 7, 8, 9, 10 (one step late) and 15 (a false alarm).
        var flags = Flags(20, 7, 8, 9, 10, 15);

        var detection = RangeDetection.Evaluate(flags, [new StepRange(5, 9)]);

        Assert.Equal(3, detection.Metrics.TruePositives);
        Assert.Equal(2, detection.FalsePositives);
        Assert.Equal(2, detection.Metrics.FalseNegatives);
        Assert.Equal(0.6, detection.Metrics.Precision, 12);
        Assert.Equal(0.6, detection.Metrics.Recall, 12);
        Assert.Equal(0.6, detection.Metrics.F1, 12);
        var hit = Assert.Single(detection.Ranges);
        Assert.Equal(7, hit.FirstFlagged);
        Assert.Equal(2, hit.Delay);
        Assert.Equal(3, hit.FlaggedSteps);
        Assert.Equal(1, detection.RangesDetected);
    }

    [Fact]
    public void A_range_without_a_flagged_step_is_missed_and_has_no_delay()
    {
        var detection = RangeDetection.Evaluate(Flags(10, 1), [new StepRange(0, 0), new StepRange(5, 9)]);

        Assert.Equal([false, false], detection.Ranges.Select(hit => hit.Detected));
        Assert.All(detection.Ranges, hit => Assert.Null(hit.Delay));
        Assert.Equal(0, detection.Metrics.Recall);
        Assert.Equal(1, detection.FalsePositives);
        Assert.Contains("range 5..9: not detected", detection.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Keras_ios_published_windows_flag_the_steps_that_every_covering_window_flags()
    {
        // keras-io's stored run ("Timeseries anomaly detection using an Autoencoder", Keras 3, Nov 2023): windows of 288,
        // stride 1, over 4,032 steps; windows 1654 and 2702-3094 above the threshold. A step s is covered by windows
        // s-287..s, so only steps 2702+287 = 2989 to 3094 have every covering window flagged; window 1654 flags none.
        var windows = Enumerable.Range(0, 3745).Select(w => w == 1654 || (w >= 2702 && w <= 3094)).ToArray();

        var steps = RangeDetection.StepsOfWindows(windows, 288);
        var detection = RangeDetection.Evaluate(steps, [new StepRange(2787, 3189)]);

        Assert.Equal(4032, steps.Length);
        Assert.Equal(Enumerable.Range(2989, 106), Enumerable.Range(0, steps.Length).Where(step => steps[step]));
        Assert.Equal(1.0, detection.Metrics.Precision);
        Assert.Equal(106.0 / 403, detection.Metrics.Recall, 12);
        Assert.Equal(202, detection.Ranges[0].Delay);
        Assert.Equal(0, detection.FalsePositives);
    }

    [Fact]
    public void The_description_gives_the_delay_in_time_when_the_steps_have_timestamps()
    {
        var timestamps = Enumerable.Range(0, 10).Select(step => $"2014-04-01 00:{5 * step:00}:00").ToList();

        var text = RangeDetection.Evaluate(Flags(10, 4, 5), [new StepRange(2, 6)]).Describe(timestamps);

        Assert.Contains("precision 1.000, recall 0.400, F1 0.571", text, StringComparison.Ordinal);
        Assert.Contains("the first at step 4, 2 steps (10 min) after the range's start", text, StringComparison.Ordinal);
        Assert.Contains("0 flagged steps outside the labelled range", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ranges_are_read_as_rows_or_as_date_times_of_the_series()
    {
        var timestamps = Enumerable.Range(0, 12).Select(step => $"2014-04-01 00:{5 * step:00}:00").ToList();

        Assert.Equal([new StepRange(2, 4), new StepRange(8, 8)], StepRange.Parse("2..4, 8..8", 12));
        // NAB writes its windows' ends with a fraction; the steps inside are those at or after the start and at or before the end.
        Assert.Equal([new StepRange(3, 5)], StepRange.Parse("2014-04-01 00:12:00.000000..2014-04-01 00:25:00.000000", 12, timestamps));
    }

    [Theory]
    [InlineData("5", "write FIRST..LAST")]
    [InlineData("4..2", "do not lie in order inside the series' 12 steps")]
    [InlineData("10..12", "do not lie in order inside the series' 12 steps")]
    [InlineData("2014-04-01..2014-04-02", "date-times need a series with a timestamp column")]
    [InlineData("", "no anomaly range given")]
    public void A_malformed_range_is_one_line_saying_how_to_write_it(string text, string problem)
    {
        var error = Assert.Throws<DataInputException>(() => StepRange.Parse(text, 12));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_time_range_that_holds_no_step_is_refused()
    {
        var timestamps = Enumerable.Range(0, 3).Select(step => $"2014-04-01 00:0{step}:00").ToList();

        var error = Assert.Throws<DataInputException>(() => StepRange.Parse("2015-01-01..2015-01-02", 3, timestamps));

        Assert.Contains("no timestamp of the series lies in it", error.Message, StringComparison.Ordinal);
    }

    private static bool[] Flags(int steps, params int[] flagged)
    {
        var flags = new bool[steps];
        foreach (var step in flagged)
        {
            flags[step] = true;
        }

        return flags;
    }
}
