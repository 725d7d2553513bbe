using Plotly.NET;

namespace Autoencoders.Plots;

/// <summary>
/// Lays grayscale images out on one pair of axes: one heatmap trace per image, placed by its pixel coordinates with
/// a one-pixel gap, all sharing one grey scale so brightness compares across images.
/// </summary>
internal static class ImageGrid
{
    /// <summary>The most images one chart holds, so that a chart stays small enough to open and embed quickly.</summary>
    public const int MaxImages = 100;

    public static GenericChart Create(string title, IReadOnlyList<ImageRow> rows, int height, int width, int cellPixels = 56, IReadOnlyList<string>? columnLabels = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var total = rows.Sum(row => row.Images.Count);
        if (rows.Count == 0 || total == 0)
        {
            throw new ArgumentException("an image chart needs at least one image", nameof(rows));
        }

        if (total > MaxImages)
        {
            throw new ArgumentException($"an image chart holds at most {MaxImages} images, got {total}: pass fewer", nameof(rows));
        }

        var (low, high) = Range(rows);
        var traces = new List<Trace>();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            for (var c = 0; c < row.Images.Count; c++)
            {
                var caption = PlotText.Literal(row.Captions is { } captions && c < captions.Count ? captions[c] : $"{row.Label} {c + 1}");
                traces.Add(Figure.Trace("heatmap",
                    ("name", caption),
                    ("z", Pixels(row.Images[c], height, width)),
                    ("x0", (double)(c * (width + 1))),
                    ("dx", 1.0),
                    ("y0", (double)(r * (height + 1))),
                    ("dy", 1.0),
                    ("zmin", low),
                    ("zmax", high),
                    ("colorscale", "Greys"),
                    ("reversescale", true),
                    ("showscale", false),
                    ("hovertemplate", $"{caption}<br>pixel (%{{x}}, %{{y}}) = %{{z:.3f}}<extra></extra>")));
            }
        }

        var columns = rows.Max(row => row.Images.Count);
        var rowCentres = Enumerable.Range(0, rows.Count).Select(r => r * (height + 1) + (height - 1) / 2.0).ToArray();
        return Figure.Chart(traces,
            width: Math.Max(320, 110 + columns * cellPixels),
            height: Math.Max(200, (columnLabels is null ? 90 : 120) + rows.Count * cellPixels),
            ("title", Figure.Title(PlotText.Literal(title))),
            ("showlegend", false),
            ("plot_bgcolor", "white"),
            ("margin", new { l = 100, r = 10, t = columnLabels is null ? 50 : 80, b = 10 }),
            ("xaxis", columnLabels is null
                ? new { visible = false, scaleanchor = "y", constrain = "domain" }
                : (object)new
                {
                    scaleanchor = "y",
                    constrain = "domain",
                    side = "top",
                    tickmode = "array",
                    tickvals = Enumerable.Range(0, columnLabels.Count).Select(c => c * (width + 1) + (width - 1) / 2.0).ToArray(),
                    ticktext = PlotText.Literal(columnLabels),
                    showgrid = false,
                    zeroline = false,
                }),
            ("yaxis", new
            {
                autorange = "reversed",
                tickmode = "array",
                tickvals = rowCentres,
                ticktext = PlotText.Literal(rows.Select(row => row.Label)),
                showgrid = false,
                zeroline = false,
                constrain = "domain",
            }));
    }

    /// <summary>An image's values as the rows of a heat map, rounded to <paramref name="digits"/> (smaller pages), non-finite values as 0.</summary>
    internal static double[][] Pixels(float[] image, int height, int width, int digits = 4)
    {
        if (image.Length != height * width)
        {
            throw new ArgumentException($"an image has {image.Length} values where {height}x{width} = {height * width} were expected");
        }

        var pixels = new double[height][];
        for (var y = 0; y < height; y++)
        {
            pixels[y] = new double[width];
            for (var x = 0; x < width; x++)
            {
                var value = image[(y * width) + x];
                pixels[y][x] = float.IsFinite(value) ? Math.Round(value, digits) : 0.0;
            }
        }

        return pixels;
    }

    // At least [0, 1] so that a faint reconstruction does not get stretched to full contrast.
    private static (double Low, double High) Range(IReadOnlyList<ImageRow> rows)
    {
        var values = rows.SelectMany(row => row.Images).SelectMany(image => image).Where(float.IsFinite).ToArray();
        var low = values.Length == 0 ? 0.0 : Math.Min(0.0, values.Min());
        var high = values.Length == 0 ? 1.0 : Math.Max(1.0, values.Max());
        return (low, high);
    }
}
