using System.Globalization;
using Autoencoders.Data.Images;
using Autoencoders.Plots;
using static TorchSharp.torch;

namespace Autoencoders.Notebooks;

/// <summary>
/// A batch of grayscale images held in a tensor, shown as one PNG grid (a plain image: it shows wherever the notebook
/// is read, scripts or not). Values are read as brightness in [0, 1], as the library's data are scaled.
/// </summary>
internal static class ImageTensorGrid
{
    private const int Columns = 10;
    private const int Gap = 2;
    private const int Zoom = 2;
    private const int MaxImages = 100;

    /// <summary>True for (n, 1, h, w) and (n, h, w) floating-point tensors with images of at least 4 × 4 pixels.</summary>
    public static bool IsImageBatch(Tensor tensor)
    {
        var shape = tensor.shape;
        var imageShape = shape.Length == 4 ? shape[1] == 1 : shape.Length == 3;
        return imageShape && shape[0] > 0 && shape[^1] >= 4 && shape[^2] >= 4 && is_floating_point(tensor);
    }

    /// <summary>An HTML image of the first <see cref="MaxImages"/> images, 10 a row, with a caption.</summary>
    public static string ToHtml(Tensor batch)
    {
        var count = (int)Math.Min(batch.shape[0], MaxImages);
        using var scope = NewDisposeScope();
        var (images, height, width) = ImageTensors.ToImages(batch.narrow(0, 0, count));
        var png = Grid(images, height, width, out var gridWidth, out var gridHeight);
        var caption = batch.shape[0] > count
            ? string.Create(CultureInfo.InvariantCulture, $"the first {count} of {batch.shape[0]} images, {height} × {width}")
            : string.Create(CultureInfo.InvariantCulture, $"{count} image{(count == 1 ? "" : "s")}, {height} × {width}");
        return string.Create(CultureInfo.InvariantCulture,
            $"<figure style=\"margin: 0\"><img src=\"data:image/png;base64,{Convert.ToBase64String(png)}\" width=\"{gridWidth * Zoom}\" height=\"{gridHeight * Zoom}\" " +
            $"style=\"image-rendering: pixelated\" alt=\"{caption}\"><figcaption>{caption}</figcaption></figure>");
    }

    private static byte[] Grid(float[][] images, int height, int width, out int gridWidth, out int gridHeight)
    {
        var columns = Math.Min(Columns, images.Length);
        var rows = (images.Length + columns - 1) / columns;
        gridWidth = (columns * (width + Gap)) - Gap;
        gridHeight = (rows * (height + Gap)) - Gap;
        var pixels = new byte[gridWidth * gridHeight];
        Array.Fill(pixels, (byte)128); // mid grey between images, so black and white images keep their edges
        for (var index = 0; index < images.Length; index++)
        {
            var (top, left) = ((index / columns) * (height + Gap), (index % columns) * (width + Gap));
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var value = images[index][(y * width) + x];
                    pixels[((top + y) * gridWidth) + left + x] = (byte)Math.Round(255 * Math.Clamp(float.IsNaN(value) ? 0 : value, 0, 1));
                }
            }
        }

        return ImageFiles.EncodePng(pixels, gridWidth, gridHeight);
    }
}
