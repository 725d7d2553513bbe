using Autoencoders.Plots;

namespace Autoencoders.Tests.Plots;

public sealed class BenchmarkChartsTests
{
    [Fact]
    public void Per_class_bars_group_the_methods_with_error_bars_and_encode_class_names()
    {
        var chart = BenchmarkCharts.PerClassAuc(["0", "<b>1</b>"],
            [new NamedBars("autoencoder", [0.99, 0.93], [0.001, 0.01]), new NamedBars("pca", [0.98, 0.85])]);

        var json = ChartJson.Of(chart);
        Assert.Equal(["autoencoder", "pca"], json.TraceNames);
        Assert.Equal(["bar", "bar"], json.TraceTypes);
        Assert.Equal("group", json.Layout.GetProperty("barmode").GetString());
        Assert.Equal(["0", "&lt;b&gt;1&lt;/b&gt;"], json.Traces[0].GetProperty("x").EnumerateArray().Select(x => x.GetString()));
        Assert.True(json.Traces[0].GetProperty("error_y").GetProperty("visible").GetBoolean());
        Assert.False(json.Traces[1].GetProperty("error_y").GetProperty("visible").GetBoolean());

        // The axis starts below the lowest bar (0.85), so the differences near 1 are visible but no bar is cut.
        var range = json.Layout.GetProperty("yaxis").GetProperty("range").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.InRange(range[0], 0.8, 0.85);
        Assert.Equal(1.0, range[1]);
    }

    [Fact]
    public void Per_class_bars_refuse_a_method_with_the_wrong_number_of_values() =>
        Assert.Throws<ArgumentException>(() => BenchmarkCharts.PerClassAuc(["0", "1"], [new NamedBars("pca", [0.9])]));
}
