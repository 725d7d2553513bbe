using System.Collections.Concurrent;
using System.Numerics;

namespace Autoencoders.Data.Idx;

/// <summary>
/// Turns a stream of unsigned-byte pixels into floats in [0, 1] (pixel / 255) while the stream is still being
/// read: the calling thread decompresses one block while a second thread converts the block before it, so the
/// conversion (and first touch of the large output array) hides behind the gzip decoder.
/// </summary>
internal static class PixelDecoder
{
    private const int BlockSize = 1 << 20;
    private const int BlocksInFlight = 4;

    /// <summary>
    /// Reads up to <paramref name="length"/> bytes and returns them as floats, with the number of bytes that were
    /// there (less than <paramref name="length"/> when the stream ends early).
    /// </summary>
    public static (float[] Values, int Read) Decode(Stream stream, int length, Func<Stream, Memory<byte>, int> read)
    {
        var values = GC.AllocateUninitializedArray<float>(length);
        using var free = new BlockingCollection<byte[]>();
        using var full = new BlockingCollection<(byte[] Block, int Offset, int Count)>();
        for (var block = 0; block < BlocksInFlight; block++)
        {
            free.Add(new byte[Math.Min(BlockSize, Math.Max(length, 1))]);
        }

        // Should the converter ever fail, cancelling stops the reading thread from waiting for a free block forever.
        using var failed = new CancellationTokenSource();
        var converter = Task.Run(() =>
        {
            try
            {
                foreach (var (block, offset, count) in full.GetConsumingEnumerable())
                {
                    Convert(block.AsSpan(0, count), values.AsSpan(offset, count));
                    free.Add(block);
                }
            }
            catch
            {
                failed.Cancel();
                throw;
            }
        });

        var total = 0;
        try
        {
            while (total < length)
            {
                var block = free.Take(failed.Token);
                var count = read(stream, block.AsMemory(0, Math.Min(block.Length, length - total)));
                if (count == 0)
                {
                    break;
                }

                full.Add((block, total, count));
                total += count;
            }
        }
        finally
        {
            full.CompleteAdding();
            converter.Wait();
        }

        return (values, total);
    }

    /// <summary>destination[i] = source[i] / 255, exactly as float division gives it.</summary>
    internal static void Convert(ReadOnlySpan<byte> source, Span<float> destination)
    {
        var index = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var scale = new Vector<float>(255f);
            var floats = Vector<float>.Count;
            for (; index <= source.Length - Vector<byte>.Count; index += Vector<byte>.Count)
            {
                Vector.Widen(new Vector<byte>(source[index..]), out var low, out var high);
                Vector.Widen(low, out var first, out var second);
                Vector.Widen(high, out var third, out var fourth);
                (Vector.ConvertToSingle(first) / scale).CopyTo(destination[index..]);
                (Vector.ConvertToSingle(second) / scale).CopyTo(destination[(index + floats)..]);
                (Vector.ConvertToSingle(third) / scale).CopyTo(destination[(index + (2 * floats))..]);
                (Vector.ConvertToSingle(fourth) / scale).CopyTo(destination[(index + (3 * floats))..]);
            }
        }

        for (; index < source.Length; index++)
        {
            destination[index] = source[index] / 255f;
        }
    }
}
