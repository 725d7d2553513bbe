using System.Collections;
using System.Globalization;
using System.Text;
using Autoencoders.Plots;
using Autoencoders.Training;
using Plotly.NET;
using static TorchSharp.torch;

namespace Autoencoders.Workbook;

/// <summary>
/// Shows the values a notebook cell displays where there is no notebook, in a console: text and tables as aligned
/// plain text, charts as files (offline HTML, and PNG when Chromium is installed) whose paths it prints.
/// A training history is shown as its loss curves, a batch of one-channel images (n, 1, h, w) as an image grid, a record or an
/// anonymous object as a name/value table, a sequence of records as a table, anything else as its text.
/// </summary>
/// <param name="figureFolder">Where chart files go (created on the first chart), e.g. <c>out/03-train</c>.</param>
/// <param name="output">Where the text goes, e.g. <see cref="Console.Out"/>.</param>
public sealed class DisplayWriter(string figureFolder, TextWriter output)
{
    private const int MaxImages = 32;

    // One warm browser for all the charts of a run (0.1 s a chart) rather than one browser per chart (seconds each);
    // null when it cannot start, and each chart then goes through ChartPng.
    private static readonly Lazy<ChartPngRenderer?> SharedRenderer = new(StartRenderer);
    private readonly TextWriter _output = output ?? throw new ArgumentNullException(nameof(output));
    private int _figures;

    /// <summary>The folder chart files are written to.</summary>
    public string FigureFolder { get; } = figureFolder ?? throw new ArgumentNullException(nameof(figureFolder));

    /// <summary>Prints <paramref name="value"/>, or saves it as chart files and prints their paths.</summary>
    /// <returns>The chart files written (none for a value shown as text).</returns>
    public IReadOnlyList<string> Show(object? value)
    {
        switch (value)
        {
            case GenericChart chart:
                return SaveChart(chart);
            case TrainingHistory history:
                return SaveChart(TrainingCharts.LossCurves(history));
            case Tensor tensor when IsImageBatch(tensor):
                return SaveChart(ImageGrid(tensor));
            default:
                _output.WriteLine(ToText(value));
                return [];
        }
    }

    /// <summary>The text <see cref="Show"/> prints for a value that is not a chart.</summary>
    public static string ToText(object? value) => value switch
    {
        null => "null",
        string text => text,
        Tensor tensor => $"tensor ({string.Join(", ", tensor.shape)}) {tensor.dtype}",
        _ when IsScalar(value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        IEnumerable sequence => SequenceText(sequence.Cast<object?>().ToList()),
        _ => TextTable.Fields(value),
    };

    private static string SequenceText(List<object?> items) =>
        items.Count > 0 && items.All(item => item is not null && !IsScalar(item) && item is not IEnumerable)
            ? TextTable.Rows(items)
            : "[" + string.Join(", ", items.Select(ToText)) + "]";

    private static bool IsScalar(object? value) =>
        value is string or char or bool or Enum or DateTime or DateTimeOffset or TimeSpan or Guid or decimal
        || value?.GetType().IsPrimitive == true;

    // (n, 1, h, w): the layout of the library's image data sets and models. A 2-D tensor may hold codes and a 3-D one
    // windows of a time series (n, channels, steps), so neither is taken for images.
    private static bool IsImageBatch(Tensor tensor) => tensor.dim() == 4 && tensor.shape[1] == 1;

    private static GenericChart ImageGrid(Tensor tensor)
    {
        var count = (int)Math.Min(tensor.shape[0], MaxImages);
        var (images, height, width) = ImageTensors.ToImages(tensor.narrow(0, 0, count));
        var title = count < tensor.shape[0] ? $"The first {count} of {tensor.shape[0]} images" : $"{count} images";
        var rows = images.Chunk(8).Select((row, index) => new ImageRow(index == 0 ? "images" : "", row)).ToList();
        return Plots.ImageGrid.Create(title, rows, height, width);
    }

    private List<string> SaveChart(GenericChart chart)
    {
        _figures++;
        var name = _figures.ToString(CultureInfo.InvariantCulture) + (Slug(ChartHtml.Title(chart)) is { Length: > 0 } slug ? "-" + slug : "");
        var html = Path.Combine(FigureFolder, name + ".html");
        ChartHtml.Save(chart, html);
        var written = new List<string> { html };
        _output.WriteLine($"chart: {html}");
        if (ChartPng.IsAvailable)
        {
            var png = Path.Combine(FigureFolder, name + ".png");
            try
            {
                if (SharedRenderer.Value is { } renderer)
                {
                    IO.AtomicFile.WriteAllBytes(png, renderer.Render(chart));
                }
                else
                {
                    ChartPng.Save(chart, png);
                }

                written.Add(png);
                _output.WriteLine($"chart: {png}");
            }
            catch (IOException error)
            {
                // The HTML page holds the chart already; a failed screenshot is worth a line, not the run.
                _output.WriteLine($"no PNG for {html}: {error.Message}");
            }
        }

        return written;
    }

    private static ChartPngRenderer? StartRenderer()
    {
        try
        {
            var renderer = ChartPngRenderer.Start();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => renderer.Dispose();
            return renderer;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// A file-name part made of a chart title's letters and digits (lower case, dashes between words, at most 48
    /// characters), so that no title, whatever it holds, can reach outside the figure folder.
    /// </summary>
    internal static string Slug(string? title)
    {
        var text = new StringBuilder();
        foreach (var character in PlotText.Plain(title ?? "").ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(character))
            {
                text.Append(character);
            }
            else if (text.Length > 0 && text[^1] != '-')
            {
                text.Append('-');
            }
        }

        var slug = text.ToString();
        return (slug.Length > 48 ? slug[..48] : slug).Trim('-');
    }
}
