using System.Buffers.Binary;
using System.IO.Compression;

namespace Autoencoders.Data.Idx;

/// <summary>
/// Decompresses gzip and, at the end, checks the length that the gzip trailer records. .NET's GZipStream reports a
/// file cut inside its 8-byte trailer as a normal end of data; comparing with the recorded length catches that,
/// and any other cut that the decoder lets pass. Valid for single-member gzip files, which is what IDX files are.
/// </summary>
internal sealed class GzipLengthCheck : Stream
{
    private readonly GZipStream inner;
    private readonly uint recordedLength;
    private long produced;

    private GzipLengthCheck(GZipStream inner, uint recordedLength)
    {
        this.inner = inner;
        this.recordedLength = recordedLength;
    }

    /// <summary>The decompressed length that the trailer records (modulo 2^32).</summary>
    public uint RecordedLength => recordedLength;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Wraps <paramref name="compressed"/>, a seekable stream at the start of a gzip file; takes ownership.</summary>
    public static Stream Open(Stream compressed)
    {
        // The trailer's last four bytes: the uncompressed length modulo 2^32, little-endian (RFC 1952).
        Span<byte> trailer = stackalloc byte[4];
        uint recorded = 0;
        var checkable = compressed.Length >= 18;
        if (checkable)
        {
            compressed.Seek(-4, SeekOrigin.End);
            compressed.ReadExactly(trailer);
            recorded = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
            compressed.Position = 0;
        }

        var gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: false);
        return checkable ? new GzipLengthCheck(gzip, recorded) : gzip;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        produced += read;
        if (read == 0 && buffer.Length > 0 && (uint)produced != recordedLength)
        {
            throw new InvalidDataException(
                $"the gzip data ends after {produced:N0} bytes but its trailer records {recordedLength:N0}: the file is truncated");
        }

        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
