using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace Autoencoders.Tests.Images;

/// <summary>Image files made for the tests: with SkiaSharp's encoders where it has one, by hand where it has none.</summary>
internal static class TestImages
{
    /// <summary>Encodes an image whose pixel at (x, y) is <paramref name="pixel"/>(x, y), unpremultiplied RGBA.</summary>
    public static byte[] Encode(int width, int height, Func<int, int, SKColor> pixel, SKEncodedImageFormat format, int quality = 100)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, pixel(x, y));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality) ?? throw new InvalidOperationException($"SkiaSharp cannot encode {format}");
        return data.ToArray();
    }

    /// <summary>
    /// A one-row 16-bit grayscale PNG (colour type 0, bit depth 16) of the given levels, written by hand: SkiaSharp 2.88
    /// encodes only 8-bit PNGs.
    /// </summary>
    public static byte[] Encode16BitGray(int width, ushort[] levels)
    {
        var row = new byte[1 + (2 * width)]; // filter byte 0, then big-endian samples
        for (var x = 0; x < width; x++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(row.AsSpan(1 + (2 * x)), levels[x]);
        }

        using var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(row);
        }

        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 1);
        header[8] = 16;
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>The orientation SkiaSharp reads from an image's metadata.</summary>
    public static SKEncodedOrigin Origin(byte[] image)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(image)) ?? throw new InvalidOperationException("not decodable");
        return codec.EncodedOrigin;
    }

    /// <summary>A grayscale image of the given values (row by row) as an 8-bit grayscale PNG.</summary>
    public static byte[] GrayPng(byte[] values, int width, int height) =>
        Encode(width, height, (x, y) => Gray(values[(y * width) + x]), SKEncodedImageFormat.Png);

    public static SKColor Gray(byte value) => new(value, value, value);

    /// <summary>The pixels of a grayscale PNG as SkiaSharp decodes it, row by row, and its size.</summary>
    public static (byte[] Pixels, int Width, int Height) DecodeGray(byte[] png)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(png)) ?? throw new InvalidOperationException("not decodable");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        return result == SKCodecResult.Success
            ? (bitmap.GetPixelSpan().ToArray(), info.Width, info.Height)
            : throw new InvalidOperationException($"decoding failed: {result}");
    }

    // SkiaSharp has no BMP encoder. A 24-bit BMP is simple enough to write: a 14-byte file header, a 40-byte
    // BITMAPINFOHEADER, then rows bottom-up in blue-green-red order, each padded to a multiple of 4 bytes.
    public static byte[] Bmp24(int width, int height, Func<int, int, SKColor> pixel)
    {
        var stride = ((width * 3) + 3) / 4 * 4;
        var file = new byte[54 + (stride * height)];
        file[0] = (byte)'B';
        file[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(26), 1); // planes
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(28), 24); // bits per pixel; compression 0 = none
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(34), stride * height);
        for (var y = 0; y < height; y++)
        {
            var row = 54 + ((height - 1 - y) * stride);
            for (var x = 0; x < width; x++)
            {
                var colour = pixel(x, y);
                file[row + (3 * x)] = colour.Blue;
                file[row + (3 * x) + 1] = colour.Green;
                file[row + (3 * x) + 2] = colour.Red;
            }
        }

        return file;
    }

    // SkiaSharp's PNG encoder writes no palette images, so this one is put together chunk by chunk:
    // colour type 3 (palette), 8 bits per index, one IDAT, filter "none" on every row.
    public static byte[] PalettePng(int width, int height, SKColor[] palette, Func<int, int, byte> index)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 3;
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "PLTE", palette.SelectMany(colour => new[] { colour.Red, colour.Green, colour.Blue }).ToArray());
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.WriteByte(0);
                for (var x = 0; x < width; x++)
                {
                    zlib.WriteByte(index(x, y));
                }
            }
        }

        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>
    /// <paramref name="jpeg"/> with an EXIF block (APP1 right after the start marker) holding only the orientation
    /// tag 0x0112 set to <paramref name="orientation"/> (6: the stored image is turned 90 degrees clockwise to show).
    /// </summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        using var app1 = new MemoryStream();
        app1.Write("Exif\0\0"u8);
        app1.Write("MM\0\u002A"u8); // big-endian TIFF header
        app1.Write([0, 0, 0, 8]); // first IFD at offset 8
        app1.Write([0, 1]); // one entry
        app1.Write([0x01, 0x12, 0, 3, 0, 0, 0, 1, (byte)(orientation >> 8), (byte)orientation, 0, 0]); // SHORT, count 1
        app1.Write([0, 0, 0, 0]); // no next IFD
        var segment = new byte[4 + app1.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(app1.Length + 2));
        app1.ToArray().CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndData));
        png.Write(number);
    }

    // The CRC-32 of PNG chunks (polynomial 0xEDB88320), bit by bit: slow, but the chunks here are tiny.
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var value in bytes)
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
