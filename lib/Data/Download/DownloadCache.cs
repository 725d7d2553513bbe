using System.Security.Cryptography;

namespace Autoencoders.Data.Download;

/// <summary>
/// A folder of downloaded data set files, each checked against its published size and SHA-256.
/// A file is downloaded only when it is missing or fails the check; it is streamed to a temporary file in the
/// same folder, verified, and only then renamed into place, so the cache never holds a partial or corrupt file.
/// </summary>
/// <example>
/// <code>
/// using var cache = new DownloadCache(DownloadCache.DefaultFolder);
/// var paths = await cache.GetAllAsync(DownloadCatalog.Mnist);
/// </code>
/// </example>
public sealed class DownloadCache : IDisposable
{
    private const int BufferSize = 1 << 16;

    private readonly HttpClient client;
    private readonly bool ownsClient;

    /// <summary>Creates a cache over a folder; nothing is created on disk until a file is downloaded.</summary>
    /// <param name="folder">The cache folder; each data set gets a sub-folder.</param>
    /// <param name="httpClient">The client to download with (not disposed by the cache), or null for the cache's own.</param>
    public DownloadCache(string folder, HttpClient? httpClient = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = Path.GetFullPath(folder);
        ownsClient = httpClient is null;
        client = httpClient ?? new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30) })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>
    /// The folder used when none is given: <c>$AUTOENCODERS_CACHE</c> when set, else the user's cache folder
    /// (<c>~/.cache/autoencoders</c> on Linux, <c>%LOCALAPPDATA%\autoencoders</c> on Windows,
    /// <c>~/Library/Caches/autoencoders</c> on macOS).
    /// </summary>
    public static string DefaultFolder => CacheFolder.Resolve(Environment.GetEnvironmentVariable);

    /// <summary>Name of the environment variable that chooses the default cache folder.</summary>
    public static string FolderVariable => CacheFolder.Variable;

    /// <summary>The cache folder, as a full path.</summary>
    public string Folder { get; }

    /// <summary>How long a download may receive nothing before it is given up; 60 seconds unless set.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The folder that holds a data set's files.</summary>
    /// <param name="dataset">A data set name, e.g. <c>mnist</c>.</param>
    public string FolderOf(string dataset) => Path.Combine(Folder, dataset);

    /// <summary>Where the file is (or will be) kept.</summary>
    /// <param name="item">The file.</param>
    public string PathOf(DownloadItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Path.Combine(FolderOf(item.Dataset), item.FileName);
    }

    /// <summary>Whether the file is in the cache with the expected size and SHA-256 (reads the whole file).</summary>
    /// <param name="item">The file.</param>
    public bool IsCached(DownloadItem item)
    {
        var path = PathOf(item);
        return File.Exists(path) && Check(path, item) is null;
    }

    /// <summary>
    /// The local path of the file, downloading it first when it is missing or fails its check.
    /// </summary>
    /// <param name="item">The file.</param>
    /// <param name="progress">Receives the bytes so far and the total while downloading, or null.</param>
    /// <param name="cancellationToken">Stops the download; the temporary file is deleted.</param>
    /// <returns>The full path of the verified file.</returns>
    /// <exception cref="DataInputException">The file cannot be downloaded or is not the expected file; one line
    /// naming the address, the problem and the fix. Nothing partial is left in the cache; a present file that failed
    /// its check stays where it was (it is never used) until a verified copy replaces it.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async Task<string> GetAsync(DownloadItem item, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var path = PathOf(item);
        string? rejected = null;
        if (File.Exists(path))
        {
            rejected = Check(path, item);
            if (rejected is null)
            {
                return path;
            }
        }

        // A present file that fails its check is never used, but it stays until a verified copy replaces it:
        // the user may have put it there by hand, and deleting it would not make an offline machine any better off.
        var temporary = Path.Combine(FolderOf(item.Dataset), $"{item.FileName}.{Guid.NewGuid():N}.partial");
        try
        {
            await DownloadAsync(item, temporary, progress, cancellationToken).ConfigureAwait(false);
            WriteToCache(path, () => File.Move(temporary, path, overwrite: true));
            return path;
        }
        catch (DataInputException error) when (rejected is not null)
        {
            throw new DataInputException($"{rejected}, and no verified copy could be downloaded: {error.Message}", error);
        }
        finally
        {
            DeleteQuietly(temporary);
        }
    }

    /// <summary>The local paths of several files (e.g. a whole data set), downloading the missing ones in turn.</summary>
    /// <param name="items">The files, e.g. <see cref="DownloadCatalog.Mnist"/>.</param>
    /// <param name="progress">Receives the progress of each download, or null.</param>
    /// <param name="cancellationToken">Stops the download in progress; files already verified stay.</param>
    /// <returns>The full paths, in the order of <paramref name="items"/>.</returns>
    /// <exception cref="DataInputException">A file cannot be downloaded (see <see cref="GetAsync"/>).</exception>
    public async Task<IReadOnlyList<string>> GetAllAsync(IEnumerable<DownloadItem> items, IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var paths = new List<string>();
        foreach (var item in items)
        {
            paths.Add(await GetAsync(item, progress, cancellationToken).ConfigureAwait(false));
        }

        return paths;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (ownsClient)
        {
            client.Dispose();
        }
    }

    private async Task DownloadAsync(DownloadItem item, string temporary, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        using var response = await RequestAsync(item, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw DownloadErrors.Status(item, FolderOf(item.Dataset), response);
        }

        var folder = FolderOf(item.Dataset);
        WriteToCache(folder, () => Directory.CreateDirectory(folder));
        using var stalled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        long received = 0;
        var file = OpenTemporary(temporary);
        await using (file.ConfigureAwait(false))
        {
            var body = await ReadAsync(item, received, () => response.Content.ReadAsStreamAsync(stalled.Token), stalled, cancellationToken)
                .ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                progress?.Report(new DownloadProgress(item.FileName, 0, item.Size));
                while (true)
                {
                    var read = await ReadAsync(item, received, () => body.ReadAsync(buffer, stalled.Token).AsTask(), stalled, cancellationToken)
                        .ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    received += read;
                    if (received > item.Size)
                    {
                        throw DownloadErrors.TooLong(item, folder);
                    }

                    hash.AppendData(buffer, 0, read);
                    await WriteAsync(file, buffer.AsMemory(0, read), temporary, cancellationToken).ConfigureAwait(false);
                    progress?.Report(new DownloadProgress(item.FileName, received, item.Size));
                }
            }
        }

        if (received < item.Size)
        {
            throw DownloadErrors.BrokenOff(item, received, "the server closed the connection early", null);
        }

        var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (sha256 != item.Sha256)
        {
            throw DownloadErrors.Mismatch(item, folder, received, sha256);
        }
    }

    /// <summary>Null when the file has the expected size and SHA-256, else what is wrong with it.</summary>
    private static string? Check(string path, DownloadItem item)
    {
        try
        {
            var size = new FileInfo(path).Length;
            if (size != item.Size)
            {
                return DownloadErrors.WrongSize(path, item, size);
            }

            using var stream = File.OpenRead(path);
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
            return sha256 == item.Sha256 ? null : DownloadErrors.WrongSha256(path, item, sha256);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw DownloadErrors.Unreadable(path, error);
        }
    }

    private async Task<HttpResponseMessage> RequestAsync(DownloadItem item, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetAsync(item.Url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException error) when (DownloadErrors.Unreachable(error) is { } reason)
        {
            throw DownloadErrors.Offline(item, FolderOf(item.Dataset), reason, error);
        }
        catch (HttpRequestException error)
        {
            throw DownloadErrors.Failed(item, FolderOf(item.Dataset), error);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient reports its own timeout as a cancellation that nobody asked for.
            throw DownloadErrors.Offline(item, FolderOf(item.Dataset), $"no answer within {DownloadErrors.Seconds(client.Timeout)}", error);
        }
    }

    // Every read from the network re-arms the stall timer, so a silent connection ends with a message instead of a hang.
    private async Task<T> ReadAsync<T>(DownloadItem item, long received, Func<Task<T>> read, CancellationTokenSource stalled,
        CancellationToken cancellationToken)
    {
        stalled.CancelAfter(StallTimeout);
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw DownloadErrors.BrokenOff(item, received, $"nothing arrived for {DownloadErrors.Seconds(StallTimeout)}", error);
        }
        catch (Exception error) when (error is IOException or HttpRequestException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw DownloadErrors.BrokenOff(item, received, DownloadErrors.ReadFailure(error), error);
        }
    }

    private static FileStream OpenTemporary(string path)
    {
        try
        {
            return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw DownloadErrors.Unwritable(path, error);
        }
    }

    private static async Task WriteAsync(FileStream file, ReadOnlyMemory<byte> bytes, string path, CancellationToken cancellationToken)
    {
        try
        {
            await file.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException error)
        {
            throw DownloadErrors.Unwritable(path, error);
        }
    }

    // Runs while another exception may be on its way out; failing here must not hide it.
    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A leftover *.partial file is never read as data: only the final name is.
        }
    }

    private static void WriteToCache(string path, Action change)
    {
        try
        {
            change();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw DownloadErrors.Unwritable(path, error);
        }
    }
}
