using System.Text.RegularExpressions;
using Autoencoders.Plots;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Plots;

public partial class ChartHtmlTests
{
    // The opening comment of the plotly.js bundle that Plotly.NET 6.0.0 embeds.
    private const string PlotlyJsBanner = "plotly.js v2.28.0";

    [GeneratedRegex("""<script[^>]*\bsrc\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptWithSource();

    private static Plotly.NET.GenericChart Roc() => EvaluationCharts.Roc([0, 0, 1], [0, 1, 1], 1.0);

    [Fact]
    public void A_saved_chart_inlines_plotly_js_and_loads_no_script_from_anywhere()
    {
        using var folder = new TempFolder();
        var path = folder.File("figures/roc.html");

        ChartHtml.Save(Roc(), path);

        var html = File.ReadAllText(path);
        Assert.Equal(1, Regex.Count(html, Regex.Escape(PlotlyJsBanner)));
        Assert.DoesNotMatch(ScriptWithSource(), html);
        Assert.DoesNotContain("require.config", html, StringComparison.Ordinal);
        Assert.Contains("ROC curve (AUC = 1.000)", html, StringComparison.Ordinal);
        Assert.Equal(["roc.html"], Directory.GetFiles(folder.File("figures")).Select(Path.GetFileName));
    }

    [Fact]
    public void A_report_has_each_heading_text_table_and_chart_with_plotly_js_included_once()
    {
        using var folder = new TempFolder();
        var path = folder.File("report.html");
        var history = new Autoencoders.Training.TrainingHistory([new(1, 0.5, 0.6, 1e-3, 1)], Autoencoders.Training.StopReason.Completed, 1);

        ChartHtml.SaveReport(path, "Evaluation <digits>", [
            new ReportSection("Training", "Loss fell `fast`.\n\n- one\n- two", Charts: [TrainingCharts.LossCurves(history)]),
            new ReportSection("Anomalies", Tables: [new ReportTable(["metric", "value"], [["F1", "0.9"]])], Charts: [Roc(), EvaluationCharts.AnomalyScores([0.1], [0.9], 0.5)]),
        ]);

        var html = File.ReadAllText(path);
        Assert.Equal(1, Regex.Count(html, Regex.Escape(PlotlyJsBanner)));
        Assert.DoesNotMatch(ScriptWithSource(), html);
        Assert.Contains("<h1>Evaluation &lt;digits&gt;</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Training</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Anomalies</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Loss fell <code>fast</code>.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<ul><li>one</li><li>two</li></ul>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>F1</td><td>0.9</td></tr>", html, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(html, "Plotly.newPlot\\('chart-"));
        Assert.Contains("Loss per epoch", html, StringComparison.Ordinal);
        Assert.Contains("Anomaly scores", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_from_data_cannot_close_a_charts_script_or_open_another()
    {
        const string payload = "x</script><script>document.title='owned'</script>&";
        // A trace name written raw (the chart builders encode theirs): the page's script must hold even then.
        var chart = Figure.Chart([Figure.Trace("bar", ("name", payload), ("x", (string[])["a"]), ("y", (double[])[1.0]))], 400, 300);

        var html = ChartHtml.ToHtml(chart);

        // One script for plotly.js and one for the chart: the payload's own tags never reach the HTML as tags.
        Assert.Equal(2, Regex.Count(html, "<script", RegexOptions.IgnoreCase));
        Assert.DoesNotContain("document.title='owned'</script>", html, StringComparison.Ordinal);
        Assert.Contains("x\\u003c/script\\u003e\\u003cscript\\u003edocument.title='owned'", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Script_safe_json_reads_back_as_the_same_json()
    {
        const string json = "{\"text\":\"a<b>&c</script>\u2028\u2029\",\"n\":[1,2]}";

        var safe = ChartHtml.ScriptSafeJson(json);

        Assert.DoesNotContain('<', safe);
        Assert.DoesNotContain('>', safe);
        Assert.DoesNotContain('&', safe);
        Assert.DoesNotContain('\u2028', safe);
        Assert.DoesNotContain('\u2029', safe);
        Assert.Equal("a<b>&c</script>\u2028\u2029", System.Text.Json.JsonDocument.Parse(safe).RootElement.GetProperty("text").GetString());
    }
}
