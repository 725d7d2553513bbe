using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using static TorchSharp.torch;

namespace Autoencoders.IO;

/// <summary>
/// Writes NumPy's <c>.npy</c> format (version 1.0: magic, a Python-dict header padded to 64 bytes, then the values),
/// little-endian float32 in C order, so that <c>numpy.load</c> reads exactly the values a tensor held.
/// </summary>
public static class NpyFile
{
    /// <summary>Writes <paramref name="values"/> (any shape, converted to float32 on the CPU) to <paramref name="path"/>, atomically.</summary>
    public static void WriteFloat32(string path, Tensor values)
    {
        ArgumentNullException.ThrowIfNull(values);
        float[] data;
        using (var scope = NewDisposeScope())
        {
            data = values.to_type(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        }

        AtomicFile.WriteAllBytes(path, Encode(data, values.shape));
    }

    /// <summary>The bytes of a <c>.npy</c> file holding <paramref name="data"/> with <paramref name="shape"/>.</summary>
    public static byte[] Encode(float[] data, IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Aggregate(1L, (product, size) => product * size) != data.Length)
        {
            throw new ArgumentException($"{data.Length} values do not fill the shape [{string.Join(", ", shape)}]", nameof(shape));
        }

        var dimensions = shape.Count == 1 ? $"{shape[0]}," : string.Join(", ", shape.Select(size => size.ToString(CultureInfo.InvariantCulture)));
        var header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({dimensions}), }}";
        // Magic (6) + version (2) + header length (2) + header + '\n' is padded with spaces to a multiple of 64.
        var total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + ((64 - (total % 64)) % 64)) + "\n";
        var bytes = new byte[10 + header.Length + (data.Length * 4)];
        bytes[0] = 0x93;
        "NUMPY"u8.CopyTo(bytes.AsSpan(1));
        bytes[6] = 1;
        bytes[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        Encoding.ASCII.GetBytes(header).CopyTo(bytes, 10);
        for (var i = 0; i < data.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(10 + header.Length + (i * 4)), data[i]);
        }

        return bytes;
    }
}
