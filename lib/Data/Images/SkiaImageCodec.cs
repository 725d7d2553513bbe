using SkiaSharp;

namespace Autoencoders.Data.Images;

/// <summary>
/// Every use of SkiaSharp in the library. Kept out of <see cref="ImageFiles"/> so that the runtime loads SkiaSharp
/// (and its native library) only when an image is really decoded or encoded: the notebooks load Autoencoders.dll
/// without SkiaSharp, and finding files or building other data never needs it.
/// </summary>
internal static class SkiaImageCodec
{
    /// <summary>Larger images are refused before decoding: an RGBA copy of 100 megapixels already takes 400 MB.</summary>
    internal const long MaxPixels = 100_000_000;

    // Trilinear sampling: Skia builds a mipmap pyramid (each level the 2x2 box average of the one below) and
    // interpolates within and between levels, so a large downscale averages the pixels it covers. Plain linear or
    // cubic sampling reads only the few source pixels nearest each output pixel: a 1000x1000 one-pixel checkerboard
    // shrunk to 28x28 came out between 34 and 221 with linear and 55 to 200 with Mitchell, but 127 everywhere
    // with mipmaps (docs/pending/images.md). A property, not a static field: a field of a SkiaSharp struct would make
    // loading this type (as reflection over the library does) load SkiaSharp.
    private static SKFilterQuality Resampling => SKFilterQuality.Medium;

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegSignature = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] BmpSignature = [(byte)'B', (byte)'M'];

    /// <summary>
    /// Decodes <paramref name="file"/> and writes its luma, scaled to [0, 1], as <paramref name="height"/> rows of
    /// <paramref name="width"/> values into <paramref name="destination"/>. Returns null on success, else the reason
    /// the bytes are not a usable PNG, JPEG or BMP image.
    /// </summary>
    public static string? DecodeGrayscale(byte[] file, int height, int width, Span<float> destination)
    {
        if (file.Length == 0)
        {
            return "the file is empty";
        }

        var signed = file.AsSpan().StartsWith(PngSignature) || file.AsSpan().StartsWith(JpegSignature) || file.AsSpan().StartsWith(BmpSignature);
        // The codec owns the stream from here on and disposes it, also when it fails to recognise the data.
        using var codec = SKCodec.Create(new SKMemoryStream(file), out var created);
        if (codec is null)
        {
            return signed
                ? $"its header is truncated or corrupt: {Describe(created)}"
                : $"it is not an image file: it starts with {DescribeStart(file)}";
        }

        if (codec.EncodedFormat is not (SKEncodedImageFormat.Png or SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Bmp))
        {
            return $"it is a {codec.EncodedFormat.ToString().ToUpperInvariant()} image, which this reader does not take";
        }

        var stored = codec.Info;
        if ((long)stored.Width * stored.Height > MaxPixels)
        {
            return $"it has {stored.Width}x{stored.Height} pixels, more than the {MaxPixels:N0} this reader takes";
        }

        // No colour space in the destination: Skia hands over the stored values unconverted, as IDX files hold them.
        // Premultiplied alpha is exactly "composited over black", the background of MNIST-style digits.
        var decodedInfo = new SKImageInfo(stored.Width, stored.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(decodedInfo);
        var result = codec.GetPixels(decodedInfo, decoded.GetPixels());
        if (result != SKCodecResult.Success)
        {
            // Skia fills what it could not decode with zeros; a half-black image is worse than a refusal.
            return $"the image data is truncated or corrupt: {Describe(result)}";
        }

        // Orientation is applied after resizing, to the small result: a rotated or mirrored image shrunk is the
        // shrunk image rotated or mirrored. When the orientation swaps the axes, the stored image is resized to the
        // swapped size.
        var origin = codec.EncodedOrigin;
        var swapsAxes = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (storedHeight, storedWidth) = swapsAxes ? (width, height) : (height, width);
        using var resized = Resize(decoded, storedHeight, storedWidth);
        var pixels = (resized ?? decoded).GetPixelSpan();
        var rowBytes = (resized ?? decoded).RowBytes;
        for (var row = 0; row < height; row++)
        {
            for (var column = 0; column < width; column++)
            {
                var (storedRow, storedColumn) = StoredPosition(origin, row, column, storedHeight, storedWidth);
                var offset = (storedRow * rowBytes) + (storedColumn * 4);
                destination[(row * width) + column] = Luma(pixels[offset], pixels[offset + 1], pixels[offset + 2]);
            }
        }

        return null;
    }

    /// <summary>Encodes 8-bit grayscale pixels, row by row, as a PNG of colour type 0 (grayscale).</summary>
    public static byte[] EncodeGrayscalePng(ReadOnlySpan<byte> pixels, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        var source = pixels.ToArray();
        var target = bitmap.GetPixels();
        for (var row = 0; row < height; row++)
        {
            System.Runtime.InteropServices.Marshal.Copy(source, row * width, target + (row * bitmap.RowBytes), width);
        }

        using var pixmap = bitmap.PeekPixels();
        using var png = pixmap.Encode(SKPngEncoderOptions.Default)
            ?? throw new InvalidOperationException($"SkiaSharp could not encode a {width}x{height} grayscale PNG.");
        return png.ToArray();
    }

    // Rec. 601 luma, the weights of most grayscale conversions (and of PIL's convert("L")), on the stored values.
    // In double, then once to float: for r = g = b = v the result is exactly v / 255f, as the IDX reader gives.
    private static float Luma(byte red, byte green, byte blue) =>
        (float)(((0.299 * red) + (0.587 * green) + (0.114 * blue)) / 255.0);

    private static SKBitmap? Resize(SKBitmap decoded, int height, int width)
    {
        if (decoded.Width == width && decoded.Height == height)
        {
            return null;
        }

        var resized = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (!decoded.ScalePixels(resized, Resampling))
        {
            resized.Dispose();
            throw new InvalidOperationException($"SkiaSharp could not resize a {decoded.Width}x{decoded.Height} image to {width}x{height}.");
        }

        return resized;
    }

    // Where the pixel shown at (row, column) of the upright image is stored, for each EXIF orientation
    // (a camera's JPEG is stored as the sensor read it and tagged with the turn that makes it upright).
    private static (int Row, int Column) StoredPosition(SKEncodedOrigin origin, int row, int column, int storedHeight, int storedWidth) => origin switch
    {
        SKEncodedOrigin.TopRight => (row, storedWidth - 1 - column),
        SKEncodedOrigin.BottomRight => (storedHeight - 1 - row, storedWidth - 1 - column),
        SKEncodedOrigin.BottomLeft => (storedHeight - 1 - row, column),
        SKEncodedOrigin.LeftTop => (column, row),
        SKEncodedOrigin.RightTop => (storedHeight - 1 - column, row),
        SKEncodedOrigin.RightBottom => (storedHeight - 1 - column, storedWidth - 1 - row),
        SKEncodedOrigin.LeftBottom => (column, storedWidth - 1 - row),
        _ => (row, column),
    };

    // Text files are the usual impostors (a CSV or a note renamed); their first characters say so best.
    private static string DescribeStart(byte[] file)
    {
        var start = file.AsSpan(0, Math.Min(16, file.Length));
        foreach (var value in start)
        {
            if (value is < 0x20 or > 0x7E)
            {
                return $"the bytes {Convert.ToHexString(start[..Math.Min(8, start.Length)])}";
            }
        }

        return $"the text \"{System.Text.Encoding.ASCII.GetString(start)}\"";
    }

    private static string Describe(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => "the data ends early",
        SKCodecResult.ErrorInInput => "the data is invalid",
        SKCodecResult.InvalidInput => "the data is invalid",
        SKCodecResult.Unimplemented => "a feature of it is not supported",
        SKCodecResult.InvalidConversion => "its pixel format cannot be converted",
        _ => $"SkiaSharp says {result}",
    };
}
