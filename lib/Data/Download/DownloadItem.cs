namespace Autoencoders.Data.Download;

/// <summary>
/// One file that can be downloaded into the cache: where it comes from and what it must be.
/// The cache keeps it at <c>{cache folder}/{Dataset}/{FileName}</c>, so data sets may share file names.
/// </summary>
public sealed record DownloadItem
{
    /// <summary>Describes a downloadable file; the values are checked here so that a typo fails early.</summary>
    /// <param name="dataset">Data set the file belongs to, also its folder in the cache, e.g. <c>mnist</c>.</param>
    /// <param name="fileName">File name in the cache, e.g. <c>train-images-idx3-ubyte.gz</c>.</param>
    /// <param name="url">Absolute http or https address.</param>
    /// <param name="size">Size in bytes, positive.</param>
    /// <param name="sha256">SHA-256 of the file as 64 hexadecimal digits (either case).</param>
    public DownloadItem(string dataset, string fileName, Uri url, long size, string sha256)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(sha256);
        RequireSimpleName(dataset, nameof(dataset));
        RequireSimpleName(fileName, nameof(fileName));
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{url}' is not an absolute http or https address", nameof(url));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
        {
            throw new ArgumentException($"'{sha256}' is not a SHA-256 (64 hexadecimal digits)", nameof(sha256));
        }

        Dataset = dataset;
        FileName = fileName;
        Url = url;
        Size = size;
        Sha256 = sha256.ToLowerInvariant();
    }

    /// <summary>Data set the file belongs to, also its folder in the cache.</summary>
    public string Dataset { get; }

    /// <summary>File name in the cache.</summary>
    public string FileName { get; }

    /// <summary>Where the file is downloaded from.</summary>
    public Uri Url { get; }

    /// <summary>Expected size in bytes.</summary>
    public long Size { get; }

    /// <summary>Expected SHA-256, 64 lower-case hexadecimal digits.</summary>
    public string Sha256 { get; }

    // A name becomes one path segment in the cache; separators or ".." would let it escape the folder.
    private static void RequireSimpleName(string name, string parameter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, parameter);
        if (name is "." or ".." || name.IndexOfAny(['/', '\\']) >= 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException($"'{name}' is not a plain file or folder name", parameter);
        }
    }
}
