using System.Buffers.Binary;
using System.IO.Compression;
using Autoencoders.Cli.Output;

namespace Autoencoders.Tests;

public class GrayscalePngTests
{
    [Fact]
    public void The_png_holds_the_signature_the_size_and_the_pixels_row_by_row()
    {
        byte[] pixels = [0, 50, 100, 150, 200, 250];

        var png = GrayscalePng.Encode(pixels, width: 3, height: 2);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(3, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.Equal([8, 0], png[24..26]); // 8 bits, grayscale
        // The IHDR CRC, worked out for this header with Python's zlib.crc32.
        Assert.Equal(0xB81F39C6u, BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(29)));

        var idatLength = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(33));
        Assert.Equal("IDAT", System.Text.Encoding.ASCII.GetString(png, 37, 4));
        using var zlib = new ZLibStream(new MemoryStream(png, 41, idatLength), CompressionMode.Decompress);
        var rows = new MemoryStream();
        zlib.CopyTo(rows);
        Assert.Equal([0, 0, 50, 100, 0, 150, 200, 250], rows.ToArray()); // filter byte 0 before each row
        Assert.Equal("IEND", System.Text.Encoding.ASCII.GetString(png, png.Length - 8, 4));
    }

    [Fact]
    public void Pixels_that_do_not_fill_the_image_are_refused()
    {
        Assert.Throws<ArgumentException>(() => GrayscalePng.Encode(new byte[5], 3, 2));
    }
}
