using System.Globalization;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Models;
using Plotly.NET;
using static TorchSharp.torch;

namespace Autoencoders.Plots;

/// <summary>
/// Why an image was flagged as an anomaly: the original, the model's reconstruction and a heat map of the per-pixel
/// error (<see cref="ImageAnomalyScores.PixelErrors(Tensor, Tensor)"/>), one column per image. The heat map shows the
/// strokes the model could not reproduce: the part of the image unlike anything it was trained on.
/// </summary>
public static class AnomalyImageCharts
{
    /// <summary>The most images one chart shows (three rows of these stay quick to open).</summary>
    public const int MaxImages = 24;

    /// <summary>
    /// The <paramref name="count"/> highest-scoring images among those scoring above <paramref name="threshold"/>, each
    /// with its reconstruction by <paramref name="model"/> and its per-pixel error; null when no image reaches the threshold.
    /// </summary>
    /// <param name="model">The trained model that scored the images.</param>
    /// <param name="images">The scored images <c>(n, 1, h, w)</c>.</param>
    /// <param name="scores">One anomaly score per image (e.g. from <see cref="AnomalyScores.Compute"/>).</param>
    /// <param name="threshold">Images scoring strictly above this are flagged (as <see cref="AnomalyThreshold"/> flags them); null shows the highest-scoring images whatever their score.</param>
    /// <param name="count">How many images at most, 1 to <see cref="MaxImages"/>.</param>
    /// <param name="labels">One label per image, shown on hover, or null.</param>
    /// <param name="title">The chart's title; null says how many were flagged.</param>
    public static GenericChart? Flagged(Autoencoder model, Tensor images, IReadOnlyList<double> scores, double? threshold, int count = 8,
        IReadOnlyList<string>? labels = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxImages);
        if (scores.Count != images.shape[0] || (labels is not null && labels.Count != scores.Count))
        {
            throw new ArgumentException($"{images.shape[0]} images, {scores.Count} scores{(labels is null ? "" : $" and {labels.Count} labels")}: give one of each per image", nameof(scores));
        }

        var flagged = Enumerable.Range(0, scores.Count).Where(i => threshold is null || scores[i] > threshold).ToArray();
        if (flagged.Length == 0)
        {
            return null;
        }

        var shown = flagged.OrderByDescending(i => scores[i]).ThenBy(i => i).Take(count).ToArray();
        using var scope = NewDisposeScope();
        var selected = images.index_select(0, tensor(shown.Select(i => (long)i).ToArray()));
        var (reconstructions, errors) = ImageAnomalyScores.PixelErrors(model, selected);
        var captions = shown.Select(i => string.Create(CultureInfo.InvariantCulture,
            $"sample {i}{(labels is null ? "" : $" (label {labels[i]})")}, score {scores[i]:G4}")).ToArray();
        var heading = title ?? (threshold is null
            ? $"The {shown.Length} highest-scoring images: original, reconstruction, per-pixel error"
            : $"{shown.Length} of {flagged.Length} flagged images (highest scores first): original, reconstruction, per-pixel error");
        return ErrorHeatMaps(selected, reconstructions, errors, captions, heading);
    }

    /// <summary>
    /// Originals in the top row, their reconstructions in the middle, the per-pixel squared errors as a heat map below
    /// (one colour scale for all, so the maps compare).
    /// </summary>
    /// <param name="originals">Images <c>(n, 1, h, w)</c>, <c>(n, h, w)</c> or <c>(n, features)</c>; at most <see cref="MaxImages"/>.</param>
    /// <param name="reconstructions">Their reconstructions, the same shape.</param>
    /// <param name="errors">Per-pixel errors, the same shape (e.g. <see cref="ImageAnomalyScores.PixelErrors(Tensor, Tensor)"/>); null computes the squared errors.</param>
    /// <param name="captions">One hover caption per image, or null.</param>
    /// <param name="title">Chart title.</param>
    public static GenericChart ErrorHeatMaps(Tensor originals, Tensor reconstructions, Tensor? errors = null, IReadOnlyList<string>? captions = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(originals);
        ArgumentNullException.ThrowIfNull(reconstructions);
        using var scope = NewDisposeScope();
        var (clean, height, width) = ImageTensors.ToImages(originals);
        var (decoded, _, _) = ImageTensors.ToImages(reconstructions);
        var (error, _, _) = ImageTensors.ToImages(errors ?? ImageAnomalyScores.PixelErrors(reconstructions, originals));
        return ErrorHeatMaps(clean, decoded, error, height, width, captions, title);
    }

    /// <summary>The same as the tensor overload, for images already flattened to arrays of height × width values.</summary>
    public static GenericChart ErrorHeatMaps(IReadOnlyList<float[]> originals, IReadOnlyList<float[]> reconstructions, IReadOnlyList<float[]> errors,
        int height, int width, IReadOnlyList<string>? captions = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(originals);
        ArgumentNullException.ThrowIfNull(reconstructions);
        ArgumentNullException.ThrowIfNull(errors);
        if (originals.Count == 0 || originals.Count > MaxImages)
        {
            throw new ArgumentException($"an error chart shows 1 to {MaxImages} images, got {originals.Count}", nameof(originals));
        }

        if (reconstructions.Count != originals.Count || errors.Count != originals.Count)
        {
            throw new ArgumentException($"every row needs the same number of images: {originals.Count} originals, {reconstructions.Count} reconstructions, {errors.Count} error maps", nameof(reconstructions));
        }

        var rows = new[] { ("original", originals), ("reconstruction", reconstructions), ("error", errors) };
        var grey = Math.Max(1.0, originals.Concat(reconstructions).SelectMany(image => image).Where(float.IsFinite).DefaultIfEmpty(0).Max());
        // Never a zero-width colour range: a perfect reconstruction shows as all white rather than failing to draw.
        var hottest = Math.Max(1e-6, errors.SelectMany(image => image).Where(float.IsFinite).DefaultIfEmpty(0).Max());
        var traces = new List<Trace>();
        for (var r = 0; r < rows.Length; r++)
        {
            var (label, images) = rows[r];
            var isError = r == rows.Length - 1;
            for (var c = 0; c < images.Count; c++)
            {
                var caption = PlotText.Literal($"{label}: {(captions is not null && c < captions.Count ? captions[c] : $"image {c + 1}")}");
                traces.Add(Figure.Trace("heatmap",
                    ("name", caption),
                    ("z", ImageGrid.Pixels(images[c], height, width, digits: 5)),
                    ("x0", (double)(c * (width + 1))),
                    ("dx", 1.0),
                    ("y0", (double)(r * (height + 1))),
                    ("dy", 1.0),
                    ("zmin", 0.0),
                    ("zmax", isError ? hottest : grey),
                    ("colorscale", isError ? "Hot" : "Greys"),
                    ("reversescale", true),
                    ("showscale", isError && c == 0),
                    ("colorbar", isError ? new { title = new { text = "squared<br>error" }, len = 0.34, y = 0.0, yanchor = "bottom", thickness = 14, nticks = 3 } : null),
                    ("hovertemplate", $"{caption}<br>pixel (%{{x}}, %{{y}}) = %{{z:.4f}}<extra></extra>")));
            }
        }

        const int cellPixels = 80;
        var rowCentres = Enumerable.Range(0, rows.Length).Select(r => r * (height + 1) + (height - 1) / 2.0).ToArray();
        return Figure.Chart(traces,
            width: Math.Max(360, 190 + originals.Count * cellPixels),
            height: 90 + rows.Length * cellPixels,
            ("title", Figure.Title(PlotText.Literal(title ?? "Original, reconstruction and per-pixel error"))),
            ("showlegend", false),
            ("plot_bgcolor", "white"),
            ("margin", new { l = 110, r = 80, t = 50, b = 10 }),
            ("xaxis", new { visible = false, scaleanchor = "y", constrain = "domain" }),
            ("yaxis", new
            {
                autorange = "reversed",
                tickmode = "array",
                tickvals = rowCentres,
                ticktext = rows.Select(row => row.Item1).ToArray(),
                showgrid = false,
                zeroline = false,
                constrain = "domain",
            }));
    }
}
