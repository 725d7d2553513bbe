using System.Buffers.Binary;
using System.IO.Compression;

namespace Autoencoders.Tests.Support;

/// <summary>Builds tiny IDX files byte by byte, so that tests know every value they read back.</summary>
internal static class IdxBytes
{
    public static byte[] Header(int magic, params int[] sizes)
    {
        var header = new byte[4 + (4 * sizes.Length)];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (var axis = 0; axis < sizes.Length; axis++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + (4 * axis)), sizes[axis]);
        }

        return header;
    }

    /// <summary>An images file whose pixel number i (counting over all images) is <paramref name="pixel"/>(i).</summary>
    public static byte[] Images(int count, int rows, int columns, Func<int, byte>? pixel = null)
    {
        pixel ??= index => (byte)(index % 256);
        return [.. Header(0x0803, count, rows, columns), .. Enumerable.Range(0, count * rows * columns).Select(pixel)];
    }

    public static byte[] Labels(params byte[] labels) => [.. Header(0x0801, labels.Length), .. labels];

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    /// <summary>Writes the four files of an MNIST-style folder (gzip-compressed), with labels 0, 1, 2, … mod 10.</summary>
    public static void WriteMnistFolder(string folder, int train, int test, int side = 4, bool labels = true)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "train-images-idx3-ubyte.gz"), Gzip(Images(train, side, side)));
        File.WriteAllBytes(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"), Gzip(Images(test, side, side, index => (byte)(255 - (index % 256)))));
        if (labels)
        {
            File.WriteAllBytes(Path.Combine(folder, "train-labels-idx1-ubyte.gz"), Gzip(Labels([.. Enumerable.Range(0, train).Select(index => (byte)(index % 10))])));
            File.WriteAllBytes(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"), Gzip(Labels([.. Enumerable.Range(0, test).Select(index => (byte)(index % 10))])));
        }
    }
}
