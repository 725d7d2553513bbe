using System.Text.Json;
using System.Text.RegularExpressions;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Plots;
using Autoencoders.Tests.Support;
using Autoencoders.Training;
using Plotly.NET;

namespace Autoencoders.Tests.Plots;

/// <summary>
/// Every chart and page builder given a hostile name (see <see cref="HostileText"/>) wherever a name from the data can
/// go: plotly.js must get no tag and no template field from it, and the text must be there, encoded, to be shown.
/// </summary>
public class UntrustedTextTests
{
    private const string H = HostileText.All;
    private static readonly double[] Four = [0.1, 0.4, 0.2, 0.3];
    private static readonly float[][] Images = [[0f, 1f, 1f, 0f], [1f, 0f, 0f, 1f]];

    private static readonly Dictionary<string, Func<GenericChart>> Charts = new()
    {
        ["PerClassError, class name"] = () => EvaluationCharts.PerClassError([H, "b"], [0.1, 0.2], [0.01, 0.02]),
        ["PerClassError, metric"] = () => EvaluationCharts.PerClassError(["a", "b"], [0.1, 0.2], [0.01, 0.02], metric: H),
        ["PerClassError from labels"] = () => EvaluationCharts.PerClassError(Four, [0, 1, 0, 1], [H, "b"]),
        ["AnomalyScores, threshold name"] = () => EvaluationCharts.AnomalyScores(Four, [false, true, false, true], 0.25, thresholdName: H),
        ["Roc, title"] = () => EvaluationCharts.Roc([0, 0.5, 1], [0, 0.8, 1], 0.8, title: H),
        ["BenchmarkCharts.Roc, method and title"] = () => BenchmarkCharts.Roc([new NamedCurve(H, [0, 1], [0, 1], 0.5)], title: H),
        ["PrecisionRecall, method and title"] = () => BenchmarkCharts.PrecisionRecall([new NamedCurve(H, [0, 1], [1, 0.5], 0.7)], 0.5, title: H),
        ["PerClassAuc, class, method and title"] = () => BenchmarkCharts.PerClassAuc([H, "b"], [new NamedBars(H, [0.9, 0.8])], title: H),
        ["LatentCharts.Scatter, class and title"] = () => LatentCharts.Scatter(Four, Four, [0, 1, 0, 1], [H, "b"], title: H),
        ["LossCurves, title"] = () => TrainingCharts.LossCurves(new TrainingHistory([new EpochResult(1, 0.5, 0.6, 1e-3, 1)], StopReason.Completed, 1), title: H),
        ["Reconstructions, label and title"] = () => ImageCharts.Reconstructions(Images, Images, 2, 2, labels: [H, "b"], title: H),
        ["ErrorHeatMaps, caption and title"] = () => AnomalyImageCharts.ErrorHeatMaps(Images, Images, Images, 2, 2, captions: [H, "b"], title: H),
        ["TimeSeries.Signal, channel"] = () => TimeSeriesCharts.Signal(Four, channel: H),
        ["TimeSeries.Signal, title"] = () => TimeSeriesCharts.Signal(Four, title: H),
        ["TimeSeries.Anomalies, channel and title"] = () => TimeSeriesCharts.Anomalies(Four, [false, true, false, false], [new StepRange(1, 2)], channel: H, title: H),
        ["TimeSeries.Scores, threshold name"] = () => TimeSeriesCharts.Scores(Four, 0.25, thresholdName: H),
        ["TimeSeries.WindowReconstruction, channel"] = () => TimeSeriesCharts.WindowReconstruction(Four, [0.4, 0.2], 1, channel: H),
    };

    public static TheoryData<string> ChartNames => [.. Charts.Keys];

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void A_hostile_name_reaches_plotly_as_encoded_text_and_never_as_markup_or_a_template(string name)
    {
        var texts = Strings(JsonDocument.Parse(GenericChart.toJson(Charts[name]())).RootElement).ToList();

        foreach (var piece in HostileText.RawPieces)
        {
            Assert.DoesNotContain(texts, text => text.Contains(piece, StringComparison.Ordinal));
        }

        Assert.Contains(texts, text => text.Contains(PlotText.Literal(H), StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void A_chart_page_with_a_hostile_name_holds_two_scripts_and_no_raw_payload(string name)
    {
        var page = WithoutPlotlyJs(ChartHtml.ToHtml(Charts[name]()));

        Assert.Equal(1, Regex.Count(page, "<script", RegexOptions.IgnoreCase)); // the chart's own, plotly.js removed
        foreach (var piece in HostileText.RawPiecesInPages)
        {
            Assert.DoesNotContain(piece, page, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void A_chart_pages_title_element_shows_the_charts_title_as_written()
    {
        var page = ChartHtml.ToHtml(EvaluationCharts.Roc([0, 1], [0, 1], 0.5, title: "a<b & \"c\""));

        // Encoded once for HTML: the tab shows a<b & "c" (AUC = 0.500), not the entities plotly.js reads.
        Assert.Contains("<title>a&lt;b &amp; &quot;c&quot; (AUC = 0.500)</title>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Literal_encodes_only_what_plotly_reads_and_plain_reverses_it()
    {
        Assert.Equal("a&amp;b &lt;i&gt; %&#123;x&#125; \"q\" 'q' ±", PlotText.Literal("a&b <i> %{x} \"q\" 'q' ±"));
        Assert.Equal(H, PlotText.Plain(PlotText.Literal(H)));
    }

    [Fact]
    public void A_report_page_escapes_its_title_headings_text_and_tables()
    {
        var sections = new[] { new ReportSection(H, $"{H}\n\n- {H}\n- `{H}`", [new ReportTable([H], [[H]])], [EvaluationCharts.Roc([0, 1], [0, 1], 0.5, title: H)]) };

        var page = WithoutPlotlyJs(ChartHtml.ToReportHtml(H, sections));

        AssertEscapedHtml(page, expectedScripts: 1);
    }

    [Fact]
    public void Image_grid_pages_escape_their_title_and_captions()
    {
        var png = Autoencoders.Data.Images.ImageFiles.EncodePng([0, 255, 255, 0], 2, 2);

        AssertEscapedHtml(ImageGridPage.Build(H, [new ImageGridPage.Item([0, 255, 255, 0], 2, 2, H)]), expectedScripts: 0);
        AssertEscapedHtml(ImageGridPage.Pairs(H, [new ImageGridPage.Pair(H, png, png)]), expectedScripts: 0);
    }

    private static void AssertEscapedHtml(string page, int expectedScripts)
    {
        Assert.Equal(expectedScripts, Regex.Count(page, "<script", RegexOptions.IgnoreCase));
        foreach (var piece in HostileText.RawPiecesInPages)
        {
            Assert.DoesNotContain(piece, page, StringComparison.Ordinal);
        }

        Assert.Contains(System.Net.WebUtility.HtmlEncode(HostileText.Image), page, StringComparison.Ordinal);
        Assert.Contains("&amp;amp;", page, StringComparison.Ordinal); // the entity in the name stays five characters
    }

    // The inlined plotly.js is the page's first script; what follows it is what the builders wrote.
    private static string WithoutPlotlyJs(string page)
    {
        var start = page.IndexOf("<script", StringComparison.Ordinal);
        var end = page.IndexOf("</script>", start, StringComparison.Ordinal) + "</script>".Length;
        return page[..start] + page[end..];
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(property => Strings(property.Value)),
        _ => [],
    };
}
