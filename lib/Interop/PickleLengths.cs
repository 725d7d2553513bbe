using System.Buffers.Binary;
using System.Globalization;
using Autoencoders.Data;

namespace Autoencoders.Interop;

/// <summary>
/// Walks a pickle's opcodes without running them and checks that every length it states (a string's, a byte string's,
/// a frame's, a long integer's) fits in the bytes that are left. The unpickler that then reads it believes those
/// lengths and allocates them first: a 141-byte file claiming a string of 2³¹−1 bytes ended the process with
/// "Out of memory" (SIGABRT) before any check could run. Opcodes are those of pickle protocols 0 to 5 (CPython's
/// Lib/pickletools.py lists them); any other byte is refused, as the unpickler would.
/// </summary>
internal static class PickleLengths
{
    private const byte Stop = (byte)'.';
    private const byte Frame = 0x95;

    /// <summary>Throws a one-line <see cref="DataInputException"/> when <paramref name="pickle"/> claims more bytes than it has.</summary>
    /// <param name="pickle">The pickle's bytes.</param>
    /// <param name="source">Names the file (and the entry in it) in the message.</param>
    public static void Check(ReadOnlySpan<byte> pickle, string source)
    {
        var position = 0;
        while (position < pickle.Length)
        {
            var opcode = pickle[position];
            var at = position;
            position++;
            if (opcode == Stop)
            {
                return;
            }

            long length = opcode switch
            {
                // No argument.
                (byte)'(' or (byte)'0' or (byte)'1' or (byte)'2' or (byte)'N' or (byte)')' or (byte)']' or (byte)'}' or (byte)'a'
                    or (byte)'e' or (byte)'l' or (byte)'s' or (byte)'u' or (byte)'t' or (byte)'R' or (byte)'b' or (byte)'d' or (byte)'o'
                    or (byte)'Q' or 0x81 or 0x85 or 0x86 or 0x87 or 0x88 or 0x89 or 0x8f or 0x90 or 0x91 or 0x92 or 0x93 or 0x94
                    or 0x97 or 0x98 => 0,

                // Fixed-size arguments.
                (byte)'K' or (byte)'h' or (byte)'q' or 0x80 or 0x82 => 1,
                (byte)'M' or 0x83 => 2,
                (byte)'J' or (byte)'j' or (byte)'r' or 0x84 => 4,
                (byte)'G' => 8,

                // Arguments ended by a newline (GLOBAL and INST have two).
                (byte)'I' or (byte)'L' or (byte)'F' or (byte)'S' or (byte)'V' or (byte)'P' or (byte)'g' or (byte)'p' => Line(pickle, position, 1),
                (byte)'c' or (byte)'i' => Line(pickle, position, 2),

                // A stated length, then that many bytes.
                (byte)'U' or (byte)'C' or 0x8c or 0x8a => Prefixed(pickle, position, 1),
                (byte)'T' or (byte)'X' or (byte)'B' or 0x8b => Prefixed(pickle, position, 4),
                0x8d or 0x8e or 0x96 => Prefixed(pickle, position, 8),

                // A frame's length covers the opcodes after it, which are walked in turn.
                Frame => Prefixed(pickle, position, 8) < 0 ? -1 : 8,
                _ => throw new DataInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{source}: byte {at:N0} (0x{opcode:x2}) is not a pickle opcode: the file is damaged or not a pickle.")),
            };

            if (length < 0 || length > pickle.Length - position)
            {
                throw new DataInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{source}: the pickle states a length at byte {at:N0} that runs past its end ({pickle.Length - position:N0} bytes left): the file is cut short or forged."));
            }

            position += (int)length;
        }

        throw new DataInputException($"{source}: the pickle has no end (STOP opcode): the file is cut short.");
    }

    // Bytes up to and including the count-th newline from start; -1 when the pickle ends first.
    private static long Line(ReadOnlySpan<byte> pickle, int start, int count)
    {
        var end = start;
        for (var i = 0; i < count; i++)
        {
            var newline = pickle[end..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return -1;
            }

            end += newline + 1;
        }

        return end - start;
    }

    // The stated length's own bytes plus the bytes it states; -1 when cut short or absurd (negative, or beyond a long).
    private static long Prefixed(ReadOnlySpan<byte> pickle, int start, int size)
    {
        if (pickle.Length - start < size)
        {
            return -1;
        }

        var bytes = pickle.Slice(start, size);
        var stated = size switch
        {
            1 => bytes[0],
            4 => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            _ => BinaryPrimitives.ReadUInt64LittleEndian(bytes),
        };
        return stated > (ulong)(pickle.Length - start - size) ? -1 : size + (long)stated;
    }
}
