using System.Globalization;
using Autoencoders.Data;
using Autoencoders.Evaluation.Denoising;
using Autoencoders.Models;
using Autoencoders.Plots;
using static TorchSharp.torch;

namespace Autoencoders.Pipeline;

/// <summary>
/// The figures and the page of a denoising evaluation: PSNR per method, PSNR against the noise level, the picture
/// comparison with the best classical method, and <c>denoising.html</c> with the tables.
/// </summary>
public static class DenoisingFigures
{
    /// <summary>The page's file name in an evaluation folder.</summary>
    public const string PageFileName = "denoising.html";

    /// <summary>The main measurement's noisy test images, <c>(n, c, h, w)</c> float32, when asked for (tools/denoise-check.py reads them).</summary>
    public const string NoisyImagesFileName = "denoising-noisy.npy";

    /// <summary>The clean test images they were made from, same shape.</summary>
    public const string CleanImagesFileName = "denoising-clean.npy";

    private const int Shown = 10;

    private static readonly string[] MainCharts = ["denoising-methods", "denoising-comparison"];

    /// <summary>The charts of <paramref name="results"/>; the comparison grid redraws the first test images with the same noise.</summary>
    public static IReadOnlyList<NamedChart> Draw(TrainedModel trained, Dataset data, DenoisingResults results)
    {
        ArgumentNullException.ThrowIfNull(trained);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(results);
        var charts = new List<NamedChart> { new("denoising-methods", DenoisingCharts.Methods(results.Main)) };
        if (Grid(trained.Model, data.TestFeatures, results.Main) is { } grid)
        {
            charts.Add(new("denoising-comparison", grid));
        }

        if (results.Sweep.Count > 0)
        {
            var trainedLevel = ModelDenoising.TrainingNoise(trained);
            charts.Add(new("denoising-sweep", DenoisingCharts.Sweep(results.Sweep, trainedLevel > 0 ? trainedLevel : null)));
        }

        return charts;
    }

    /// <summary>
    /// The comparison grid of the first test images: noisy, the best classical method with its chosen parameter, the
    /// autoencoder, clean. Null when the report has no classical method (OpenCV missing).
    /// </summary>
    public static Plotly.NET.GenericChart? Grid(Autoencoder model, Tensor testImages, DenoisingReport report)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(testImages);
        ArgumentNullException.ThrowIfNull(report);
        if (report.BestClassical is not { Parameter: { } parameter } best || ImageNoise.Parse(report.Noise) is not { } kind)
        {
            return null;
        }

        using var scope = NewDisposeScope();
        // The same noise as the evaluation's: drawn for the images it measured, then the first few shown.
        var measured = testImages.narrow(0, 0, report.TestSamples);
        var noisy = new ImageNoise(kind, report.Level, report.Seed).Apply(measured).narrow(0, 0, Math.Min(Shown, report.TestSamples));
        var clean = measured.narrow(0, 0, noisy.shape[0]);
        var method = ClassicalDenoisers.All.First(candidate => ClassicalDenoisers.NameOf(candidate) == best.Method);
        var classical = ClassicalDenoisers.Apply(method, parameter.Value, noisy);
        var denoised = BatchedInference.InEvaluationMode(model, () => model.forward(noisy));
        // The row label stays short (the grid's left margin); the chosen parameter goes into the title.
        return DenoisingCharts.Comparison(noisy, classical, best.Method, denoised, clean,
            $"Noisy input, {best.Method} ({parameter.Name} {parameter.Value.ToString("G3", CultureInfo.InvariantCulture)}, the best classical method), autoencoder, clean");
    }

    /// <summary>
    /// Writes <see cref="PageFileName"/> into <paramref name="folder"/> and, when <paramref name="images"/>, the main
    /// measurement's noisy and clean test images (the same noise again: same kind, level and seed); returns the file names.
    /// </summary>
    public static IReadOnlyList<string> SaveFiles(string folder, Dataset data, DenoisingResults results, IEnumerable<NamedChart> charts, bool images)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(results);
        SavePage(Path.Combine(folder, PageFileName), data.Name, results, charts);
        if (!images || ImageNoise.Parse(results.Main.Noise) is not { } kind)
        {
            return [PageFileName];
        }

        using var scope = NewDisposeScope();
        var clean = data.TestFeatures.narrow(0, 0, results.Main.TestSamples);
        IO.NpyFile.WriteFloat32(Path.Combine(folder, NoisyImagesFileName), new ImageNoise(kind, results.Main.Level, results.Main.Seed).Apply(clean));
        IO.NpyFile.WriteFloat32(Path.Combine(folder, CleanImagesFileName), clean);
        return [PageFileName, NoisyImagesFileName, CleanImagesFileName];
    }

    /// <summary>Writes the page: the tables, with the charts drawn from them.</summary>
    public static void SavePage(string path, string dataset, DenoisingResults results, IEnumerable<NamedChart> charts)
    {
        ArgumentNullException.ThrowIfNull(results);
        ChartHtml.SaveReport(path, $"Denoising: {dataset}", Sections(results, charts));
    }

    /// <summary>The page's sections, for <see cref="ChartHtml.SaveReport"/> or a notebook.</summary>
    public static IReadOnlyList<ReportSection> Sections(DenoisingResults results, IEnumerable<NamedChart>? charts = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var byName = (charts ?? []).ToDictionary(chart => chart.Name, chart => chart.Chart);
        var main = results.Main;
        var sections = new List<ReportSection>
        {
            new($"At {main.Noise} noise {main.Level.ToString("G3", CultureInfo.InvariantCulture)}",
                $"{main.TestSamples:N0} test images with noise seed {main.Seed}; each classical parameter chosen by mean PSNR on {main.ValidationSamples:N0} " +
                $"validation images (noise seed {main.Seed + 1}), never on the test images. PSNR is the mean of per-image PSNR (data range 1)." +
                (main.Omitted.Count == 0 ? "" : "\n\n" + string.Join('\n', main.Omitted.Select(reason => $"- not measured: {reason}"))),
                [Table(main)],
                [.. MainCharts.Where(byName.ContainsKey).Select(name => byName[name])]),
        };
        if (results.Sweep.Count > 0)
        {
            sections.Add(new ReportSection("Gaussian noise levels", "The same model and the same tuning at every level.",
                [SweepTable(results.Sweep)], byName.TryGetValue("denoising-sweep", out var sweep) ? [sweep] : null));
        }

        foreach (var other in results.OtherKinds)
        {
            sections.Add(new ReportSection($"{other.Noise} noise {other.Level.ToString("G3", CultureInfo.InvariantCulture)}", Tables: [Table(other)]));
        }

        return sections;
    }

    /// <summary>One report as a table: method, parameter, PSNR, SSIM, validation PSNR of the chosen parameter.</summary>
    public static ReportTable Table(DenoisingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var invariant = CultureInfo.InvariantCulture;
        return new ReportTable(["method", "parameter (chosen on validation)", "PSNR (dB)", "SSIM"],
            [.. report.Methods.Select(row => (IReadOnlyList<string>)[
                row.Method,
                row.Parameter is { } parameter ? string.Create(invariant, $"{parameter.Name} = {parameter.Value:G3}") : "",
                row.Psnr.ToString("F2", invariant),
                row.Ssim?.ToString("F3", invariant) ?? "",
            ])]);
    }

    /// <summary>PSNR per method (columns) at each level (rows).</summary>
    public static ReportTable SweepTable(IReadOnlyList<DenoisingReport> sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var methods = sweep.SelectMany(report => report.Methods.Select(row => row.Method)).Distinct().ToList();
        return new ReportTable(["level", .. methods.Select(method => $"{method} PSNR (dB)")],
            [.. sweep.Select(report => (IReadOnlyList<string>)[
                report.Level.ToString("G3", CultureInfo.InvariantCulture),
                .. methods.Select(method => report.Find(method)?.Psnr.ToString("F2", CultureInfo.InvariantCulture) ?? ""),
            ])]);
    }
}
