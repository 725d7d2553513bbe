using System.Globalization;
using System.Net;
using System.Text;
using Autoencoders.Data;
using Autoencoders.Data.Images;
using static TorchSharp.torch;

namespace Autoencoders.Plots;

/// <summary>
/// Self-contained HTML pages of grayscale images, inlined as PNG data URIs so a file works offline and alone. Captions
/// and titles are HTML-encoded: text from data files stays text.
/// </summary>
public static class ImageGridPage
{
    /// <summary>One image: its pixels row by row (0 = black, 255 = white) and its caption.</summary>
    /// <param name="Pixels">8-bit gray values, <paramref name="Width"/> × <paramref name="Height"/>.</param>
    /// <param name="Width">Width in pixels.</param>
    /// <param name="Height">Height in pixels.</param>
    /// <param name="Caption">Shown under the image.</param>
    public sealed record Item(byte[] Pixels, int Width, int Height, string Caption);

    /// <summary>An input and its reconstruction, as PNG files, under one caption.</summary>
    /// <param name="Caption">Shown under the pair, e.g. the file name.</param>
    /// <param name="Original">The input as a PNG.</param>
    /// <param name="Reconstruction">The reconstruction as a PNG.</param>
    public sealed record Pair(string Caption, byte[] Original, byte[] Reconstruction);

    /// <summary>A page with the images in a grid, each with its caption.</summary>
    public static string Build(string title, IEnumerable<Item> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return Page(title, items.Select(item =>
            Figure(item.Caption, Image(ImageFiles.EncodePng(item.Pixels, item.Width, item.Height), item.Caption))));
    }

    /// <summary>A page with each input beside its reconstruction.</summary>
    public static string Pairs(string title, IEnumerable<Pair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return Page(title, pairs.Select(pair => Figure(pair.Caption,
            Image(pair.Original, $"{pair.Caption}: input") + Image(pair.Reconstruction, $"{pair.Caption}: reconstruction"))),
            "Each pair: the input (left) and its reconstruction (right).");
    }

    /// <summary>A page of a data set's first <paramref name="count"/> test images, captioned with their class (or index).</summary>
    /// <exception cref="DataInputException">The data set does not hold images.</exception>
    public static string FirstTestImages(Dataset data, int count)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.SampleShape is not [1, var height, var width])
        {
            throw new DataInputException(
                $"{data.Name} holds samples of shape [{string.Join(", ", data.SampleShape)}], not images; only images can be shown.");
        }

        count = (int)Math.Min(count, data.TestFeatures.shape[0]);
        byte[] pixels;
        long[]? labels;
        using (NewDisposeScope())
        {
            pixels = data.TestFeatures[..count].mul(255).round().clamp(0, 255).to_type(ScalarType.Byte).data<byte>().ToArray();
            labels = data.TestLabels?[..count].data<long>().ToArray();
        }

        var size = (int)(height * width);
        var items = Enumerable.Range(0, count).Select(index => new Item(
            pixels[(index * size)..((index + 1) * size)], (int)width, (int)height, Caption(data, labels, index)));
        return Build(string.Create(CultureInfo.InvariantCulture, $"{data.Name}: the first {count} test images"), items);
    }

    private static string Caption(Dataset data, long[]? labels, int index)
    {
        if (labels is null)
        {
            return string.Create(CultureInfo.InvariantCulture, $"#{index}");
        }

        var label = labels[index];
        return data.ClassNames is { } names && label >= 0 && label < names.Count ? names[(int)label] : label.ToString(CultureInfo.InvariantCulture);
    }

    private static string Figure(string caption, string images) =>
        $"<figure>{images}<figcaption>{WebUtility.HtmlEncode(caption)}</figcaption></figure>";

    private static string Image(byte[] png, string alt) =>
        $"<img alt=\"{WebUtility.HtmlEncode(alt)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\">";

    private static string Page(string title, IEnumerable<string> figures, string? note = null)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>")
            .AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<title>").Append(WebUtility.HtmlEncode(title)).AppendLine("</title>")
            .AppendLine("<style>")
            .AppendLine("body { font-family: sans-serif; margin: 1.5em; }")
            .AppendLine(".grid { display: flex; flex-wrap: wrap; gap: 10px; }")
            .AppendLine("figure { margin: 0; text-align: center; font-size: 12px; }")
            .AppendLine("img { width: 84px; height: 84px; image-rendering: pixelated; border: 1px solid #ccc; }")
            .AppendLine("</style></head><body>")
            .Append("<h1>").Append(WebUtility.HtmlEncode(title)).AppendLine("</h1>");
        if (note is not null)
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(note)).AppendLine("</p>");
        }

        html.AppendLine("<div class=\"grid\">");
        foreach (var figure in figures)
        {
            html.AppendLine(figure);
        }

        return html.AppendLine("</div>").AppendLine("</body></html>").ToString();
    }
}
