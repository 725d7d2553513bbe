using System.Buffers.Binary;
using System.IO.Compression;

namespace Autoencoders.Tests.Support;

/// <summary>Decodes an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium's screenshots are) to count its colours.</summary>
internal static class PngPixels
{
    public static (int Width, int Height, int DistinctColours) Read(string path)
    {
        var png = File.ReadAllBytes(path);
        var (width, height, bitDepth, colourType) = (0, 0, 0, 0);
        using var compressed = new MemoryStream();
        for (var offset = 8; offset < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                (width, height, bitDepth, colourType) = (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[4..]), data[8], data[9]);
            }
            else if (type == "IDAT")
            {
                compressed.Write(data);
            }

            offset += length + 12;
        }

        if (bitDepth != 8 || (colourType != 2 && colourType != 6))
        {
            throw new NotSupportedException($"PNG with bit depth {bitDepth} and colour type {colourType}");
        }

        var channels = colourType == 6 ? 4 : 3;
        compressed.Position = 0;
        using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        var bytes = raw.ToArray();
        var stride = width * channels;
        var previous = new byte[stride];
        var colours = new HashSet<int>();
        for (var y = 0; y < height; y++)
        {
            var filter = bytes[y * (stride + 1)];
            var row = bytes.AsSpan((y * (stride + 1)) + 1, stride).ToArray();
            for (var i = 0; i < stride; i++)
            {
                int left = i >= channels ? row[i - channels] : 0, up = previous[i], upLeft = i >= channels ? previous[i - channels] : 0;
                row[i] = (byte)(row[i] + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new NotSupportedException($"PNG filter {filter}"),
                });
            }

            for (var x = 0; x < width; x++)
            {
                colours.Add((row[x * channels] << 16) | (row[(x * channels) + 1] << 8) | row[(x * channels) + 2]);
            }

            previous = row;
        }

        return (width, height, colours.Count);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
