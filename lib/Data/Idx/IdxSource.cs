namespace Autoencoders.Data.Idx;

/// <summary>
/// Where an IDX file's bytes come from: a file on disk or a resource embedded in this library. The content may be
/// raw or gzip-compressed; <see cref="OpenDecompressed"/> tells them apart by the gzip signature, not the name.
/// </summary>
public sealed class IdxSource
{
    private const int FileBufferSize = 1 << 16;
    private readonly Func<Stream> open;

    private IdxSource(string name, Func<Stream> open)
    {
        Name = name;
        this.open = open;
    }

    /// <summary>The path of the file, or <c>embedded:NAME</c> for an embedded resource; used in messages.</summary>
    public string Name { get; }

    /// <summary>The file at <paramref name="path"/>; it is opened only when read.</summary>
    public static IdxSource FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        return new IdxSource(fullPath, () => OpenFile(fullPath));
    }

    /// <summary>A resource embedded in this library, e.g. <c>digits-images-idx3-ubyte.gz</c>.</summary>
    internal static IdxSource FromEmbeddedResource(string resourceName) =>
        new($"embedded:{resourceName}", () => typeof(IdxSource).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"resource {resourceName} is missing from {typeof(IdxSource).Assembly.GetName().Name}"));

    /// <summary>
    /// Opens the content for reading, decompressing it on the fly when it starts with the gzip signature.
    /// The caller disposes the stream.
    /// </summary>
    /// <exception cref="DataInputException">The file does not exist or cannot be read.</exception>
    public Stream OpenDecompressed()
    {
        var stream = open();
        try
        {
            Span<byte> signature = stackalloc byte[2];
            var read = stream.ReadAtLeast(signature, 2, throwOnEndOfStream: false);
            stream.Position = 0;
            return read == 2 && signature[0] == 0x1f && signature[1] == 0x8b ? GzipLengthCheck.Open(stream) : stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static FileStream OpenFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize, FileOptions.SequentialScan);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataInputException($"{path}: file not found; check the path.", error);
        }
        catch (Exception error) when (error is UnauthorizedAccessException or IOException)
        {
            throw new DataInputException($"{path}: cannot be read ({error.Message}); check its permissions.", error);
        }
    }
}
