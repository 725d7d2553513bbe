using System.Globalization;
using Autoencoders.Evaluation.Denoising;
using Plotly.NET;
using static TorchSharp.torch;

namespace Autoencoders.Plots;

/// <summary>Charts of a denoising evaluation: PSNR per method, PSNR against the noise level, and a picture comparison.</summary>
public static class DenoisingCharts
{
    /// <summary>PSNR of each method as bars (SSIM in the hover text and above each bar), the noisy input first.</summary>
    public static GenericChart Methods(DenoisingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var invariant = CultureInfo.InvariantCulture;
        var bar = Figure.Trace("bar",
            ("name", "PSNR"),
            ("x", PlotText.Literal(report.Methods.Select(Label))),
            ("y", report.Methods.Select(row => row.Psnr).ToArray()),
            ("text", report.Methods.Select(row => row.Ssim is { } ssim ? string.Create(invariant, $"SSIM {ssim:F3}") : "").ToArray()),
            ("textposition", "outside"),
            ("hovertemplate", "%{x}<br>PSNR %{y:.2f} dB<br>%{text}<extra></extra>"));
        return Figure.Chart([bar], 760, 440,
            ("title", Figure.Title(PlotText.Literal(string.Create(invariant, $"Denoising {report.TestSamples:N0} test images, {report.Noise} noise {report.Level:G3}")))),
            ("xaxis", new { title = new { text = "method (classical parameter chosen on validation images)" }, type = "category" }),
            ("yaxis", Figure.Axis("PSNR (dB), higher is better")));
    }

    /// <summary>
    /// PSNR of each method against the noise level, one line per method: how gracefully a denoiser trained at one
    /// level does at the others.
    /// </summary>
    /// <param name="sweep">Reports of one noise kind at increasing levels.</param>
    /// <param name="trainedLevel">The level the model was trained at, marked with a dotted line, or null.</param>
    public static GenericChart Sweep(IReadOnlyList<DenoisingReport> sweep, double? trainedLevel = null)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        if (sweep.Count == 0)
        {
            throw new ArgumentException("a sweep chart needs at least one noise level", nameof(sweep));
        }

        var methods = sweep.SelectMany(report => report.Methods.Select(row => row.Method)).Distinct().ToList();
        var traces = methods.Select(method => Figure.Trace("scatter",
            ("name", PlotText.Literal(method)),
            ("mode", "lines+markers"),
            ("x", sweep.Where(report => report.Find(method) is not null).Select(report => report.Level).ToArray()),
            ("y", sweep.Select(report => report.Find(method)).OfType<DenoisingMethodResult>().Select(row => row.Psnr).ToArray()),
            ("hovertemplate", $"{PlotText.Literal(method)}<br>level %{{x}}<br>PSNR %{{y:.2f}} dB<extra></extra>")));
        var shapes = trainedLevel is { } level
            ? new object[] { new { type = "line", xref = "x", yref = "paper", x0 = level, x1 = level, y0 = 0, y1 = 1, line = new { dash = "dot", width = 1, color = "grey" } } }
            : [];
        return Figure.Chart(traces, 760, 440,
            ("title", Figure.Title(PlotText.Literal($"PSNR against {sweep[0].Noise} noise level{(trainedLevel is null ? "" : " (dotted: the training level)")}"))),
            ("xaxis", Figure.Axis("noise level")),
            ("yaxis", Figure.Axis("PSNR (dB)")),
            ("shapes", shapes));
    }

    /// <summary>
    /// Rows of images, columns matching: the noisy input, the best classical denoiser, the autoencoder and the clean
    /// image. Tensors are <c>(n, 1, h, w)</c>; keep n to a dozen or so.
    /// </summary>
    public static GenericChart Comparison(Tensor noisy, Tensor classical, string classicalName, Tensor autoencoder, Tensor clean, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(noisy);
        ArgumentNullException.ThrowIfNull(classical);
        ArgumentNullException.ThrowIfNull(autoencoder);
        ArgumentNullException.ThrowIfNull(clean);
        var (noisyImages, height, width) = ImageTensors.ToImages(noisy);
        var rows = new List<ImageRow>
        {
            new("noisy", noisyImages),
            new(classicalName, ImageTensors.ToImages(classical).Images),
            new("autoencoder", ImageTensors.ToImages(autoencoder).Images),
            new("clean", ImageTensors.ToImages(clean).Images),
        };
        return ImageGrid.Create(title ?? $"Noisy input, {classicalName}, autoencoder, clean", rows, height, width);
    }

    private static string Label(DenoisingMethodResult row) => row.Parameter is { } parameter
        ? string.Create(CultureInfo.InvariantCulture, $"{row.Method} ({parameter.Name} {parameter.Value:G3})")
        : row.Method;
}
