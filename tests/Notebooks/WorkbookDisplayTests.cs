using System.Buffers.Binary;
using Autoencoders.Data;
using Autoencoders.Evaluation;
using Autoencoders.Notebooks;
using Autoencoders.Plots;
using Autoencoders.Tests.Support;
using Autoencoders.Training;
using Microsoft.DotNet.Interactive.Formatting;
using static TorchSharp.torch;
using NotebookWorkbook = Autoencoders.Notebooks.Workbook;

namespace Autoencoders.Tests.Notebooks;

/// <summary>
/// The displays <see cref="NotebookWorkbook.Enable"/> registers with the kernel's Formatter, run in-process: what a notebook
/// output holds for a chart, a training history, a result record and an image batch.
/// </summary>
public sealed class WorkbookDisplayTests
{
    private static readonly Lazy<WorkbookSession> Session = new(() =>
    {
        NotebookWorkbook.Enable();
        return NotebookWorkbook.Session!;
    });

    private static readonly TrainingHistory History = new(
        [new EpochResult(1, 0.5, 0.6, 1e-3, 0.1), new EpochResult(2, 0.3, 0.4, 1e-3, 0.1)], StopReason.Completed, 2);

    public WorkbookDisplayTests() => _ = Session.Value;

    [Fact]
    public void A_chart_shows_as_a_fragment_that_loads_no_script_and_draws_with_the_plotly_js_sent_once_per_session()
    {
        var html = TrainingCharts.LossCurves(History, "Loss").ToDisplayString(HtmlFormatter.MimeType);

        Assert.Contains("window.Plotly.newPlot(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("require", html, StringComparison.Ordinal);
        Assert.DoesNotContain("plotly.js v", html, StringComparison.Ordinal); // the bundle is not in each chart
    }

    [Fact]
    public void The_set_up_output_carries_plotly_js_once_behind_a_wrapper_that_hides_require_js()
    {
        var html = Session.Value.ToHtml();

        Assert.Equal(1, html.Split("* plotly.js v").Length - 1);
        Assert.Contains("(function (define, exports, module) {", html, StringComparison.Ordinal);
        Assert.Contains(Session.Value.Summary, html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chart_title_from_data_stays_text_in_the_fragment()
    {
        var html = TrainingCharts.LossCurves(History, HostileText.All).ToDisplayString(HtmlFormatter.MimeType);

        Assert.Equal(1, html.Split("</script").Length - 1); // the fragment's own script end only
        foreach (var piece in HostileText.RawPiecesInPages)
        {
            Assert.DoesNotContain(piece, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Charts_and_histories_offer_a_png_copy_exactly_when_chromium_is_installed()
    {
        var expected = ChartPng.IsAvailable ? new[] { HtmlFormatter.MimeType, "image/png" } : [HtmlFormatter.MimeType];
        var chart = TrainingCharts.LossCurves(History);

        Assert.Equal(expected.Order(StringComparer.Ordinal), Formatter.GetPreferredMimeTypesFor(chart.GetType()).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Order(StringComparer.Ordinal), Formatter.GetPreferredMimeTypesFor(typeof(TrainingHistory)).Order(StringComparer.Ordinal));
    }

    [ChromiumFact]
    public void The_png_copy_is_the_chart_as_a_base64_png()
    {
        var png = Convert.FromBase64String(TrainingCharts.LossCurves(History).ToDisplayString("image/png"));

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.True(BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)) >= 400, "the PNG is narrower than any chart");
    }

    [ChromiumFact]
    public void Charts_draw_offline_where_require_js_defines_define_whether_their_output_comes_before_or_after_plotly_js()
    {
        using var folder = new TempFolder();
        var page = Path.Combine(folder.Path, "notebook.html");
        // What classic Jupyter's page has: require.js's define, which plotly's loader would register itself with.
        const string RequireJs = "<script>window.define = function () { document.title = 'registered with require.js'; }; window.define.amd = {};</script>";
        var first = TrainingCharts.LossCurves(History, "first").ToDisplayString(HtmlFormatter.MimeType);
        var second = TrainingCharts.LossCurves(History, "second").ToDisplayString(HtmlFormatter.MimeType);
        File.WriteAllText(page, $"<!DOCTYPE html><html><head><title>notebook</title>{RequireJs}</head><body>{first}{Session.Value.ToHtml()}{second}</body></html>");

        var dom = HeadlessChromium.DumpDom(page);

        Assert.Contains("<title>notebook</title>", dom, StringComparison.Ordinal);
        // plotly.js draws each chart into a div of its own class; the title shows the loader did not use define.
        Assert.Equal(2, dom.Split("class=\"plot-container plotly\"").Length - 1);
    }

    [Fact]
    public void A_training_history_shows_as_its_loss_curves()
    {
        var html = History.ToDisplayString(HtmlFormatter.MimeType);

        Assert.Contains("Training and validation loss", html, StringComparison.Ordinal);
        Assert.Contains("window.Plotly.newPlot(", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_metrics_record_shows_as_a_table_of_rounded_values()
    {
        var html = new ReconstructionMetrics(1000, 0.012915666240929836, 0.05, null, 19.5, 0.8991234).ToDisplayString(HtmlFormatter.MimeType);

        Assert.StartsWith("<table", html, StringComparison.Ordinal);
        Assert.Contains(">Mse</td>", html, StringComparison.Ordinal);
        Assert.Contains(">0.01292</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("0.012915666", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_in_a_record_stays_text_in_its_table()
    {
        var summary = new DatasetSummary(HostileText.All, "file.csv", 10, 5, [1, 28, 28], [], 0, 1, 0.5);

        var html = summary.ToDisplayString(HtmlFormatter.MimeType);

        Assert.Contains(">TrainCount</td>", html, StringComparison.Ordinal);
        // Markup must not survive; plotly's template syntax (%{…}) means nothing in an HTML table.
        foreach (var piece in new[] { "<img", "<script", "</script", "<b>" })
        {
            Assert.DoesNotContain(piece, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_image_batch_shows_as_one_png_grid_ten_images_a_row()
    {
        using var scope = NewDisposeScope();
        var html = rand(12, 1, 28, 28).ToDisplayString(HtmlFormatter.MimeType);

        const string Prefix = "src=\"data:image/png;base64,";
        var start = html.IndexOf(Prefix, StringComparison.Ordinal) + Prefix.Length;
        var png = Convert.FromBase64String(html[start..html.IndexOf('"', start)]);
        // Ten images of 28 pixels with 2-pixel gaps across, two rows down.
        Assert.Equal((10 * 30) - 2, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal((2 * 30) - 2, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        Assert.Contains("12 images, 28 × 28", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_other_tensor_shows_as_text()
    {
        using var scope = NewDisposeScope();

        var html = arange(3).ToDisplayString(HtmlFormatter.MimeType);

        Assert.StartsWith("<pre>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
    }
}
