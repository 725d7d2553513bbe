using Plotly.NET;

namespace Autoencoders.Plots;

/// <summary>A chart and the name its files get, e.g. <c>roc</c> for <c>roc.html</c> and <c>roc.png</c>.</summary>
/// <param name="Name">File name without extension.</param>
/// <param name="Chart">The chart.</param>
public sealed record NamedChart(string Name, GenericChart Chart);

/// <summary>What <see cref="FigureFiles.Save"/> wrote.</summary>
/// <param name="Written">File names, HTML then PNG where exported, in drawing order.</param>
/// <param name="PngProblem">Why PNG files could not be written (no Chromium), or null.</param>
public sealed record SavedFigures(IReadOnlyList<string> Written, string? PngProblem);

/// <summary>Saves charts as offline HTML files, and PNG files when asked and a Chromium is installed.</summary>
public static class FigureFiles
{
    /// <summary>Writes <c>NAME.html</c> (plotly.js inlined: works offline) for every chart into <paramref name="folder"/>, and <c>NAME.png</c> when <paramref name="png"/>.</summary>
    public static SavedFigures Save(IEnumerable<NamedChart> charts, string folder, bool png = false)
    {
        ArgumentNullException.ThrowIfNull(charts);
        var written = new List<string>();
        string? pngProblem = null;
        foreach (var (name, chart) in charts)
        {
            var html = Path.Combine(folder, name + ".html");
            ChartHtml.Save(chart, html);
            written.Add(Path.GetFileName(html));
            if (!png || pngProblem is not null)
            {
                continue;
            }

            try
            {
                ChartPng.Save(chart, Path.ChangeExtension(html, ".png"));
                written.Add(name + ".png");
            }
            catch (ChromiumNotFoundException missing)
            {
                pngProblem = missing.Message;
            }
        }

        return new SavedFigures(written, pngProblem);
    }
}
