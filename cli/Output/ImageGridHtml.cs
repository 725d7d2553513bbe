using System.Net;
using System.Text;
using Autoencoders.Data.Images;

namespace Autoencoders.Cli.Output;

/// <summary>A self-contained HTML page showing grayscale images in a grid, each with a caption.</summary>
internal static class ImageGridHtml
{
    /// <summary>One image: its pixels row by row (0 = black, 255 = white) and its caption.</summary>
    public sealed record Item(byte[] Pixels, int Width, int Height, string Caption);

    /// <summary>Builds the page; the images are inlined as PNG data URIs, so the file works offline and alone.</summary>
    public static string Build(string title, IEnumerable<Item> items)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>")
            .AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .AppendLine($"<title>{WebUtility.HtmlEncode(title)}</title>")
            .AppendLine("<style>")
            .AppendLine("body { font-family: sans-serif; margin: 1.5em; }")
            .AppendLine(".grid { display: flex; flex-wrap: wrap; gap: 10px; }")
            .AppendLine("figure { margin: 0; text-align: center; font-size: 12px; }")
            .AppendLine("img { width: 84px; height: 84px; image-rendering: pixelated; border: 1px solid #ccc; }")
            .AppendLine("</style></head><body>")
            .AppendLine($"<h1>{WebUtility.HtmlEncode(title)}</h1>")
            .AppendLine("<div class=\"grid\">");
        foreach (var item in items)
        {
            var png = Convert.ToBase64String(ImageFiles.EncodePng(item.Pixels, item.Width, item.Height));
            var caption = WebUtility.HtmlEncode(item.Caption);
            html.AppendLine($"<figure><img alt=\"{caption}\" src=\"data:image/png;base64,{png}\"><figcaption>{caption}</figcaption></figure>");
        }

        return html.AppendLine("</div>").AppendLine("</body></html>").ToString();
    }
}
