using Autoencoders.Data.Images;
using Autoencoders.Plots;
using Autoencoders.Training;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace Autoencoders.Notebooks;

/// <summary>
/// How charts display, registered with the kernel's Formatter as Plotly.NET.Interactive registers its own (which the
/// notebooks no longer load: it writes a script that fetches plotly.js from a CDN). Each chart output is an HTML
/// fragment drawn by the plotly.js the set-up cell sent, plus, when Chromium is installed, the same chart as a PNG,
/// which front ends that run no scripts (GitHub, nbviewer, an untrusted notebook in Jupyter) show instead.
/// </summary>
internal static class ChartDisplays
{
    private const string PngMimeType = "image/png";

    private static volatile bool _pngCopies;

    // One warm Chromium for the whole session: a fresh browser per chart (ChartPng) cost 2.3 s a chart on 2 busy cores.
    private static readonly Lazy<ChartPngRenderer> Renderer = new(StartRenderer);

    public static void Register(bool pngCopies)
    {
        _pngCopies = pngCopies;
        if (pngCopies)
        {
            // The browser starts (about 2 s) while the notebook's first cells load data and train; the first chart
            // waits for it only if it comes sooner. A failure shows at that chart (PngBase64).
            _ = Task.Run(() => Renderer.Value);
        }

        Register<GenericChart>(chart => chart);
        // A cell can end in a training history: it shows as its loss curves.
        Register<TrainingHistory>(history => TrainingCharts.LossCurves(history, "Training and validation loss"));
    }

    /// <summary>Shows values of <typeparamref name="T"/> as the chart <paramref name="toChart"/> makes of them.</summary>
    private static void Register<T>(Func<T, GenericChart> toChart)
    {
        Formatter.Register<T>((value, writer) => writer.Write(ChartHtml.Fragment(toChart(value))), HtmlFormatter.MimeType);
        Formatter.Register<T>((value, writer) => writer.Write(PngBase64(toChart(value))), PngMimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(T), _pngCopies ? [HtmlFormatter.MimeType, PngMimeType] : [HtmlFormatter.MimeType]);
    }

    private static ChartPngRenderer StartRenderer()
    {
        var renderer = ChartPngRenderer.Start();
        // The kernel's process ends with the session: the browser goes with it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => renderer.Dispose();
        return renderer;
    }

    // Notebook formats carry images as base64 text.
    private static string PngBase64(GenericChart chart)
    {
        try
        {
            return Convert.ToBase64String(Renderer.Value.Render(chart));
        }
        catch (Exception error) when (error is IOException or ChromiumNotFoundException)
        {
            // The chart itself still shows; later charts skip the copy rather than fail the same way each time.
            _pngCopies = false;
            Formatter.SetPreferredMimeTypesFor(typeof(GenericChart), HtmlFormatter.MimeType);
            Formatter.SetPreferredMimeTypesFor(typeof(TrainingHistory), HtmlFormatter.MimeType);
            Console.Error.WriteLine($"No PNG copy of this chart, nor of later ones in this session: {error.Message}");
            return Convert.ToBase64String(ImageFiles.EncodePng([255], 1, 1));
        }
    }
}
