using System.Globalization;
using System.Net.Sockets;

namespace Autoencoders.Data.Download;

/// <summary>The one-line messages of failed downloads: what failed, where, and what to do.</summary>
internal static class DownloadErrors
{
    public static DataInputException Offline(DownloadItem item, string folder, string reason, Exception cause) => new(
        $"cannot download {item.FileName} from {item.Url}: no internet connection ({reason}); work offline with the " +
        "embedded data set (--dataset digits), or install Fashion-MNIST with `apt-get install dataset-fashion-mnist` " +
        $"(--dataset fashion-mnist), or copy {FilesOf(item)} from a machine with internet into {folder}", cause);

    public static string WrongSize(string path, DownloadItem item, long size) =>
        $"{path} is not the expected file ({Bytes(size)} bytes instead of {Bytes(item.Size)})";

    public static string WrongSha256(string path, DownloadItem item, string sha256) =>
        $"{path} is not the expected file (SHA-256 {sha256} instead of {item.Sha256})";

    public static DataInputException Status(DownloadItem item, string folder, HttpResponseMessage response) => new(
        $"cannot download {item.FileName} from {item.Url}: the server answered HTTP {(int)response.StatusCode} " +
        $"{response.ReasonPhrase}; try again later, and if it persists download the file by hand and copy it into {folder}");

    public static DataInputException Failed(DownloadItem item, string folder, Exception cause) => new(
        $"cannot download {item.FileName} from {item.Url}: {OneLine(cause)}; check the connection and run again, " +
        $"or copy {item.FileName} into {folder}", cause);

    public static DataInputException BrokenOff(DownloadItem item, long received, string reason, Exception? cause) => new(
        $"the download of {item.FileName} from {item.Url} broke off after {Bytes(received)} of {Bytes(item.Size)} bytes " +
        $"({reason}); nothing was kept: check the connection and run again", cause ?? new IOException(reason));

    public static DataInputException Mismatch(DownloadItem item, string folder, long size, string sha256) => new(
        $"{item.FileName} downloaded from {item.Url} is not the expected file: {Bytes(size)} bytes with SHA-256 {sha256}, " +
        $"expected {Bytes(item.Size)} bytes with SHA-256 {item.Sha256}; nothing was kept: run again, and if it persists the " +
        $"mirror's file has changed: get the original file by hand and copy it into {folder}");

    public static DataInputException TooLong(DownloadItem item, string folder) => new(
        $"{item.FileName} downloaded from {item.Url} is not the expected file: it is longer than {Bytes(item.Size)} bytes; " +
        $"nothing was kept: run again, and if it persists the mirror's file has changed: get the original file by hand " +
        $"and copy it into {folder}");

    public static DataInputException Unreadable(string path, Exception cause) => new(
        $"cannot read {path}: {OneLine(cause)}; give yourself read access to it or delete it so that it is downloaded again", cause);

    public static DataInputException Unwritable(string path, Exception cause) => new(
        $"cannot write the download cache at {path}: {OneLine(cause)}; free some disk space or set " +
        $"{CacheFolder.Variable} to a writable folder", cause);

    // Copying one file by hand is rarely enough: name every file of a catalogued data set.
    private static string FilesOf(DownloadItem item) =>
        DownloadCatalog.Find(item.Dataset) is { } files && files.Contains(item)
            ? $"the {item.Dataset} files ({string.Join(", ", files.Select(file => file.FileName))})"
            : item.FileName;

    /// <summary>The reason, when the exception means the network or the server cannot be reached at all.</summary>
    public static string? Unreachable(HttpRequestException error)
    {
        switch (error.HttpRequestError)
        {
            case HttpRequestError.NameResolutionError:
                return "the server's name could not be resolved";
            case HttpRequestError.ConnectionError:
            case HttpRequestError.ProxyTunnelError:
                return error.InnerException is SocketException socket ? Describe(socket) : "the connection failed";
            default:
                return error.InnerException is SocketException other && IsUnreachable(other.SocketErrorCode) ? Describe(other) : null;
        }
    }

    /// <summary>The reason a body read failed, in words a user can act on.</summary>
    public static string ReadFailure(Exception error) =>
        error is HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded } ? "the server closed the connection early" : OneLine(error);

    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

    // Messages read the same in every culture, so the numbers in them can be searched for and compared.
    private static string Bytes(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    public static string OneLine(Exception error) => error.Message.ReplaceLineEndings(" ").Trim().TrimEnd('.');

    private static bool IsUnreachable(SocketError code) => code is SocketError.HostNotFound or SocketError.TryAgain
        or SocketError.NoData or SocketError.ConnectionRefused or SocketError.NetworkUnreachable or SocketError.NetworkDown
        or SocketError.HostUnreachable or SocketError.HostDown or SocketError.TimedOut;

    private static string Describe(SocketException socket) => socket.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.TimedOut => "the connection timed out",
        SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "the server's name could not be resolved",
        SocketError.NetworkUnreachable or SocketError.NetworkDown => "the network is unreachable",
        SocketError.HostUnreachable or SocketError.HostDown => "the server is unreachable",
        _ => OneLine(socket),
    };
}
