using Autoencoders.Data;
using Autoencoders.Data.TimeSeries;
using Autoencoders.Tests.Support;
using Autoencoders.Tests.Tabular;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.TimeSeries;

public sealed class SlidingWindowsTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Windows_of_a_multichannel_series_have_shape_windows_by_length_by_channels()
    {
        using var scope = NewDisposeScope();
        // Step t holds (t, 100 + t).
        var steps = arange(10, dtype: ScalarType.Float32);
        var series = stack([steps, steps + 100], 1);

        var windows = SlidingWindows.Create(series, length: 4, stride: 3);

        Assert.Equal([3L, 4L, 2L], windows.shape);
        Assert.Equal(3L, SlidingWindows.Count(10, 4, 3));
        Assert.Equal([3f, 4f, 5f, 6f], windows[1, .., 0].data<float>().ToArray());
        Assert.Equal([106f, 107f, 108f, 109f], windows[2, .., 1].data<float>().ToArray());
    }

    [Fact]
    public void A_single_channel_series_gets_a_channel_dimension()
    {
        using var scope = NewDisposeScope();

        var windows = SlidingWindows.Create(arange(5, dtype: ScalarType.Float32), length: 5, stride: 1);

        Assert.Equal([1L, 5L, 1L], windows.shape);
    }

    [Fact]
    public void A_window_is_anomalous_when_any_of_its_steps_is()
    {
        using var scope = NewDisposeScope();
        var steps = tensor(new long[] { 0, 0, 0, 1, 0, 0, 0, 0, 2 });

        var labels = SlidingWindows.Labels(steps, length: 3, stride: 2);

        // Windows start at 0, 2, 4, 6: [0 0 0], [0 1 0], [0 0 0], [0 0 2].
        Assert.Equal([0L, 1L, 0L, 1L], labels.data<long>().ToArray());
    }

    [Fact]
    public void A_window_longer_than_the_series_is_refused_with_the_longest_allowed()
    {
        using var scope = NewDisposeScope();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SlidingWindows.Create(zeros(5, 2), length: 6, stride: 1));

        Assert.Contains("at most 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stride_below_one_is_refused()
    {
        using var scope = NewDisposeScope();

        Assert.Throws<ArgumentOutOfRangeException>(() => SlidingWindows.Create(zeros(5, 2), length: 2, stride: 0));
    }

    [Fact]
    public void Windows_from_CSV_columns_carry_their_labels()
    {
        var path = folder.Write("s.csv", "time,a,b,anomaly\n0,1,10,0\n1,2,20,0\n2,3,30,1\n3,4,40,0\n4,5,50,0\n");

        using var windows = TimeSeriesWindows.FromCsv(path, new TimeSeriesCsvOptions(["b", "a"], Length: 2, Stride: 2, LabelColumn: "anomaly"));

        Assert.Equal([2L, 2L, 2L], windows.Windows.shape);
        Assert.Equal(["b", "a"], windows.Channels);
        Assert.Equal([10f, 1f, 20f, 2f, 30f, 3f, 40f, 4f], windows.Windows.data<float>().ToArray());
        Assert.Equal([0L, 1L], windows.Labels!.data<long>().ToArray());
    }

    [Fact]
    public void CSV_windows_leave_only_their_own_tensors_alive()
    {
        var path = folder.Write("s.csv", "a,y\n1,0\n2,1\n3,0\n");
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        using (TimeSeriesWindows.FromCsv(path, new TimeSeriesCsvOptions(["a"], Length: 2, LabelColumn: "y")))
        {
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Theory]
    [InlineData(4, 1, "a window of 4 steps does not fit a series of 3 rows", "from 1 to 3")]
    [InlineData(2, 0, "the stride is 0", "at least 1")]
    public void A_bad_window_for_a_CSV_series_names_the_file_and_the_fix(int length, int stride, string problem, string fix)
    {
        var path = folder.Write("s.csv", "a\n1\n2\n3\n");

        var error = Assert.Throws<DataInputException>(() => TimeSeriesWindows.FromCsv(path, new TimeSeriesCsvOptions(["a"], length, stride)));

        CsvTableTests.AssertOneLine(error, path, [problem, fix]);
    }

    [Fact]
    public void A_series_column_that_does_not_exist_lists_the_columns()
    {
        var path = folder.Write("s.csv", "a,b\n1,2\n");

        var error = Assert.Throws<DataInputException>(() => TimeSeriesWindows.FromCsv(path, new TimeSeriesCsvOptions(["c"], 1)));

        CsvTableTests.AssertOneLine(error, path, ["missing the column 'c'", "'a', 'b'"]);
    }

    [Fact]
    public void Text_step_labels_are_refused()
    {
        var path = folder.Write("s.csv", "a,state\n1,ok\n2,broken\n");

        var error = Assert.Throws<DataInputException>(() =>
            TimeSeriesWindows.FromCsv(path, new TimeSeriesCsvOptions(["a"], 1, LabelColumn: "state")));

        CsvTableTests.AssertOneLine(error, path, ["'state' holds text", "0 for a normal step"]);
    }
}
