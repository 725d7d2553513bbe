using System.Buffers.Binary;
using static TorchSharp.torch;

namespace Autoencoders.Data.Idx;

/// <summary>
/// Reads MNIST-format IDX files (unsigned bytes, big-endian header), raw or gzip-compressed, into tensors.
/// Every problem with a file (empty, wrong magic number, truncated, sizes that do not match the header, images and
/// labels that disagree) is a <see cref="DataInputException"/> naming the file, the problem and the fix.
/// </summary>
public static class IdxReader
{
    /// <summary>Magic number of an IDX file of unsigned-byte images: <c>(count, rows, columns)</c>.</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an IDX file of unsigned-byte labels: <c>(count)</c>.</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>
    /// Reads images as float32 scaled to [0, 1] (pixel / 255): shape <c>(n, 1, rows, columns)</c>, or
    /// <c>(n, rows * columns)</c> when <paramref name="flatten"/> is true.
    /// </summary>
    public static Tensor ReadImages(string path, bool flatten = false) => ReadImages(IdxSource.FromFile(path), flatten);

    /// <inheritdoc cref="ReadImages(string, bool)"/>
    public static Tensor ReadImages(IdxSource source, bool flatten = false) => ToImageTensor(ReadImageValues(source), flatten);

    /// <summary>Reads labels as int64 of shape <c>(n)</c>.</summary>
    public static Tensor ReadLabels(string path) => ReadLabels(IdxSource.FromFile(path));

    /// <inheritdoc cref="ReadLabels(string)"/>
    public static Tensor ReadLabels(IdxSource source) => ToLabelTensor(ReadLabelBytes(source));

    /// <summary>
    /// Reads images and their labels, checking that both files hold the same number of items.
    /// Shapes as in <see cref="ReadImages(string, bool)"/> and <see cref="ReadLabels(string)"/>.
    /// </summary>
    public static (Tensor Images, Tensor Labels) ReadImagesAndLabels(IdxSource images, IdxSource labels, bool flatten = false)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        var labelValues = ReadLabelBytes(labels);
        var imageValues = ReadImageValues(images);
        CheckSameCount(imageValues, labelValues);
        return (ToImageTensor(imageValues, flatten), ToLabelTensor(labelValues));
    }

    internal static IdxImages ReadImageValues(IdxSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var stream = source.OpenDecompressed();
        var sizes = ReadHeader(stream, source, ImagesMagic);
        var length = (int)(sizes[0] * sizes[1] * sizes[2]);
        CheckKnownLength(stream, source, sizes);
        var (values, read) = PixelDecoder.Decode(stream, length, (input, block) => Read(input, source, block.Span));
        CheckComplete(stream, source, sizes, read);
        return new IdxImages(source, values, (int)sizes[0], (int)sizes[1], (int)sizes[2]);
    }

    internal static IdxLabelBytes ReadLabelBytes(IdxSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var stream = source.OpenDecompressed();
        var sizes = ReadHeader(stream, source, LabelsMagic);
        CheckKnownLength(stream, source, sizes);
        return new IdxLabelBytes(source, ReadPayload(stream, source, sizes));
    }

    internal static void CheckSameCount(IdxImages images, IdxLabelBytes labels)
    {
        if (images.Count != labels.Count)
        {
            throw new DataInputException(
                $"{labels.Source}: holds {labels.Count:N0} labels but {images.Source} holds {images.Count:N0} images; " +
                "use the labels file that belongs to these images.");
        }
    }

    internal static Tensor ToImageTensor(IdxImages images, bool flatten)
    {
        long[] shape = flatten ? [images.Count, (long)images.Rows * images.Columns] : [images.Count, 1, images.Rows, images.Columns];
        using var scope = NewDisposeScope();
        // The tensor shares the array's memory (the values were computed while decompressing, so no copy is made),
        // hence each IdxImages becomes a tensor only once.
        return frombuffer(images.Values, ScalarType.Float32).reshape(shape).MoveToOuterDisposeScope();
    }

    internal static Tensor ToLabelTensor(IdxLabelBytes labels)
    {
        using var scope = NewDisposeScope();
        return tensor(labels.Values, [labels.Count], ScalarType.Byte).to_type(ScalarType.Int64).MoveToOuterDisposeScope();
    }

    private static long[] ReadHeader(Stream stream, IdxSource source, int expectedMagic)
    {
        var kind = expectedMagic == ImagesMagic ? "image" : "label";
        var dimensions = expectedMagic == ImagesMagic ? 3 : 1;
        var fix = expectedMagic == ImagesMagic
            ? "pass an MNIST-format images file such as train-images-idx3-ubyte.gz"
            : "pass an MNIST-format labels file such as train-labels-idx1-ubyte.gz";
        var header = new byte[4 + (4 * dimensions)];
        var read = Read(stream, source, header);
        if (read == 0)
        {
            throw new DataInputException($"{source}: the file is empty; {fix}.");
        }

        if (read >= 4)
        {
            var magic = BinaryPrimitives.ReadInt32BigEndian(header);
            if (magic != expectedMagic)
            {
                throw new DataInputException($"{source}: not an IDX {kind} file ({DescribeMagic(magic)}, expected 0x{expectedMagic:X8}); {fix}.");
            }
        }

        if (read < header.Length)
        {
            throw new DataInputException(
                $"{source}: the file ends after {read} bytes, inside its {header.Length}-byte header; it is truncated: get the file again.");
        }

        var sizes = new long[dimensions];
        for (var axis = 0; axis < dimensions; axis++)
        {
            sizes[axis] = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4 + (4 * axis)));
        }

        if (sizes[0] == 0)
        {
            throw new DataInputException($"{source}: the header declares 0 {kind}s, so the file holds no data; {fix}.");
        }

        if (dimensions == 3 && (sizes[1] == 0 || sizes[2] == 0))
        {
            throw new DataInputException($"{source}: the header declares {sizes[1]}x{sizes[2]}-pixel images; images need at least one row and column: the header is corrupt, get the file again.");
        }

        if (sizes.Aggregate(1L, (product, size) => product * size) > Array.MaxLength)
        {
            throw new DataInputException(
                $"{source}: the header declares {Describe(sizes)}, more than {Array.MaxLength:N0} bytes; split the file into smaller ones.");
        }

        return sizes;
    }

    private static byte[] ReadPayload(Stream stream, IdxSource source, long[] sizes)
    {
        var payload = GC.AllocateUninitializedArray<byte>((int)sizes[0]);
        CheckComplete(stream, source, sizes, Read(stream, source, payload));
        return payload;
    }

    // A corrupt header could ask for gigabytes. Where the length of the data is known before reading it (a raw
    // file, or the length a gzip trailer records), a header that declares more is refused before allocating.
    private static void CheckKnownLength(Stream stream, IdxSource source, long[] sizes)
    {
        long? known = stream switch
        {
            GzipLengthCheck gzip => gzip.RecordedLength,
            { CanSeek: true } => stream.Length,
            _ => null,
        };
        var headerLength = 4 + (4 * sizes.Length);
        if (known is { } total && total - headerLength < sizes.Aggregate(1L, (product, size) => product * size))
        {
            CheckComplete(stream, source, sizes, (int)Math.Max(0, total - headerLength));
        }
    }

    // The payload must be exactly as long as the header says: not shorter, and not longer either.
    private static void CheckComplete(Stream stream, IdxSource source, long[] sizes, int read)
    {
        var length = sizes.Aggregate(1L, (product, size) => product * size);
        if (read < length)
        {
            throw new DataInputException(
                $"{source}: the data ends after {read:N0} of the {length:N0} bytes that the header declares ({Describe(sizes)}); " +
                "the file is truncated: get it again.");
        }

        // Reading on to the end also makes the gzip decoder check its length and CRC trailer.
        var extra = 0L;
        var scratch = new byte[4096];
        for (var count = Read(stream, source, scratch); count > 0; count = Read(stream, source, scratch))
        {
            extra += count;
        }

        if (extra > 0)
        {
            throw new DataInputException(
                $"{source}: holds {extra:N0} bytes more than the header declares ({Describe(sizes)}); the header does not match the data: regenerate the file.");
        }
    }

    private static int Read(Stream stream, IdxSource source, Span<byte> buffer)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException error)
        {
            throw new DataInputException($"{source}: the gzip data is corrupt or truncated ({error.Message}); get the file again.", error);
        }
    }

    private static string DescribeMagic(int magic) => magic switch
    {
        ImagesMagic => "magic number 0x00000803 marks images",
        LabelsMagic => "magic number 0x00000801 marks labels",
        _ when (magic >> 16) == 0 && ((magic >> 8) & 0xFF) != 0x08 => $"magic number 0x{magic:X8} marks values of type 0x{(magic >> 8) & 0xFF:X2}, not unsigned bytes",
        _ => $"magic number 0x{magic:X8}",
    };

    private static string Describe(long[] sizes) => sizes.Length == 3
        ? $"{sizes[0]:N0} images of {sizes[1]}x{sizes[2]}"
        : $"{sizes[0]:N0} labels";
}

/// <summary>The pixels of an IDX images file scaled to [0, 1] (pixel / 255), images one after another.</summary>
internal sealed record IdxImages(IdxSource Source, float[] Values, int Count, int Rows, int Columns);

/// <summary>The values of an IDX labels file.</summary>
internal sealed record IdxLabelBytes(IdxSource Source, byte[] Values)
{
    public int Count => Values.Length;
}
