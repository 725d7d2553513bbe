using System.Security.Cryptography;
using Autoencoders.Data;
using Autoencoders.Data.Download;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Download;

public sealed class DownloadCacheTests : IDisposable
{
    private static readonly byte[] Content = MakeContent(200_000, seed: 1);

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("autoencoders-download-");

    // The machine's proxy settings must not reroute requests meant for the local test server.
    private readonly HttpClient client = new(new SocketsHttpHandler { UseProxy = false });

    public void Dispose()
    {
        client.Dispose();
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task A_missing_file_is_downloaded_verified_and_renamed_into_place()
    {
        await using var server = new LocalHttpServer(_ => ServerReply.Ok(Content));
        using var cache = NewCache();
        var progress = new RecordingProgress();

        var path = await cache.GetAsync(ItemServedBy(server), progress);

        Assert.Equal(Path.Combine(folder.FullName, "test-set", "file.gz"), path);
        Assert.Equal(Content, await File.ReadAllBytesAsync(path));
        Assert.Equal([path], FilesLeft());
        Assert.Equal(new DownloadProgress("file.gz", Content.Length, Content.Length), progress.Reports[^1]);
        Assert.True(progress.Reports.Count > 1, "progress was reported only once");
    }

    [Fact]
    public async Task A_file_with_the_wrong_checksum_is_refused_and_nothing_is_kept()
    {
        var tampered = (byte[])Content.Clone();
        tampered[1234] ^= 0xFF;
        await using var server = new LocalHttpServer(_ => ServerReply.Ok(tampered));
        using var cache = NewCache();

        var error = await AssertFailsAsync(cache.GetAsync(ItemServedBy(server)));

        Assert.Contains("file.gz", error.Message, StringComparison.Ordinal);
        Assert.Contains(Sha256Of(tampered), error.Message, StringComparison.Ordinal);
        Assert.Contains(Sha256Of(Content), error.Message, StringComparison.Ordinal);
        Assert.Empty(FilesLeft());
    }

    [Fact]
    public async Task A_longer_file_than_expected_is_refused_and_nothing_is_kept()
    {
        await using var server = new LocalHttpServer(_ => ServerReply.Ok([.. Content, .. Content]));
        using var cache = NewCache();

        var error = await AssertFailsAsync(cache.GetAsync(ItemServedBy(server)));

        Assert.Contains("longer than", error.Message, StringComparison.Ordinal);
        Assert.Empty(FilesLeft());
    }

    [Fact]
    public async Task A_404_names_the_address_and_the_status()
    {
        await using var server = new LocalHttpServer(_ => new ServerReply(404, "missing"u8.ToArray()));
        using var cache = NewCache();
        var item = ItemServedBy(server);

        var error = await AssertFailsAsync(cache.GetAsync(item));

        Assert.Contains(item.Url.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 404 Not Found", error.Message, StringComparison.Ordinal);
        Assert.Empty(FilesLeft());
    }

    [Fact]
    public async Task A_connection_cut_mid_file_is_an_error_and_nothing_is_kept()
    {
        await using var server = new LocalHttpServer(_ => new ServerReply(200, Content, BytesToSend: Content.Length / 2));
        using var cache = NewCache();

        var error = await AssertFailsAsync(cache.GetAsync(ItemServedBy(server)));

        Assert.Contains("broke off after 100,000 of 200,000 bytes (the server closed the connection early)", error.Message, StringComparison.Ordinal);
        Assert.Contains($"of {Content.Length:N0} bytes", error.Message, StringComparison.Ordinal);
        Assert.Empty(FilesLeft());
    }

    [Fact]
    public async Task A_body_shorter_than_the_catalogue_says_is_an_error_and_nothing_is_kept()
    {
        var half = Content[..(Content.Length / 2)];
        await using var server = new LocalHttpServer(_ => ServerReply.Ok(half));
        using var cache = NewCache();

        var error = await AssertFailsAsync(cache.GetAsync(ItemServedBy(server)));

        Assert.Contains($"broke off after {half.Length:N0} of {Content.Length:N0} bytes", error.Message, StringComparison.Ordinal);
        Assert.Empty(FilesLeft());
    }

    [Fact]
    public async Task A_file_already_in_the_cache_is_not_downloaded_again()
    {
        await using var server = new LocalHttpServer(_ => ServerReply.Ok(Content));
        var item = ItemServedBy(server);
        using (var first = NewCache())
        {
            await first.GetAsync(item);
        }

        using var second = NewCache();
        var path = await second.GetAsync(item);

        Assert.Equal(1, server.Requests);
        Assert.Equal(Content, await File.ReadAllBytesAsync(path));
        Assert.True(second.IsCached(item));
    }

    [Fact]
    public async Task A_corrupt_file_in_the_cache_is_replaced()
    {
        await using var server = new LocalHttpServer(_ => ServerReply.Ok(Content));
        using var cache = NewCache();
        var item = ItemServedBy(server);
        var corrupt = (byte[])Content.Clone();
        corrupt[^1] ^= 0x01;
        Directory.CreateDirectory(cache.FolderOf(item.Dataset));
        await File.WriteAllBytesAsync(cache.PathOf(item), corrupt);
        Assert.False(cache.IsCached(item));

        var path = await cache.GetAsync(item);

        Assert.Equal(1, server.Requests);
        Assert.Equal(Content, await File.ReadAllBytesAsync(path));
        Assert.Equal([path], FilesLeft());
    }

    [Fact]
    public async Task A_corrupt_file_that_cannot_be_replaced_is_named_in_the_error_and_left_as_it_was()
    {
        await using var server = new LocalHttpServer(_ => new ServerReply(500, []));
        using var cache = NewCache();
        var item = ItemServedBy(server);
        Directory.CreateDirectory(cache.FolderOf(item.Dataset));
        var corrupt = Content[..100];
        await File.WriteAllBytesAsync(cache.PathOf(item), corrupt);

        var error = await AssertFailsAsync(cache.GetAsync(item));

        Assert.StartsWith($"{cache.PathOf(item)} is not the expected file (100 bytes instead of 200,000)", error.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 500", error.Message, StringComparison.Ordinal);
        Assert.Equal([cache.PathOf(item)], FilesLeft());
        Assert.Equal(corrupt, await File.ReadAllBytesAsync(cache.PathOf(item)));
    }

    [Fact]
    public async Task A_refused_connection_says_there_is_no_internet_and_names_the_offline_alternatives()
    {
        using var cache = NewCache();
        var item = new DownloadItem("test-set", "file.gz", new Uri($"http://127.0.0.1:{LocalHttpServer.FreePort()}/file.gz"),
            Content.Length, Sha256Of(Content));

        var error = await AssertFailsAsync(cache.GetAsync(item));

        Assert.Contains("no internet connection (connection refused)", error.Message, StringComparison.Ordinal);
        Assert.Contains("--dataset digits", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message, StringComparison.Ordinal);
        Assert.Contains($"copy file.gz from a machine with internet into {cache.FolderOf("test-set")}", error.Message, StringComparison.Ordinal);
        Assert.Empty(folder.GetFileSystemInfos());
    }

    [Fact]
    public async Task An_unresolvable_server_for_a_catalogue_file_names_every_file_of_its_data_set()
    {
        using var offline = new HttpClient(new FailingHttpHandler(new HttpRequestException(HttpRequestError.NameResolutionError)));
        using var cache = new DownloadCache(folder.FullName, offline);

        var error = await AssertFailsAsync(cache.GetAsync(DownloadCatalog.Mnist[0]));

        Assert.Contains("no internet connection (the server's name could not be resolved)", error.Message, StringComparison.Ordinal);
        Assert.Contains($"copy the mnist files ({string.Join(", ", DownloadCatalog.Mnist.Select(item => item.FileName))}) " +
            $"from a machine with internet into {cache.FolderOf("mnist")}", error.Message, StringComparison.Ordinal);
        Assert.Empty(folder.GetFileSystemInfos());
    }

    [Fact]
    public async Task Cancelling_a_download_leaves_nothing_behind()
    {
        var release = new TaskCompletionSource();
        await using var server = new LocalHttpServer(
            _ => new ServerReply(200, Content, BytesToSend: Content.Length / 2, HoldBeforeClosing: release.Task));
        using var cache = NewCache();
        using var cancellation = new CancellationTokenSource();
        var progress = new RecordingProgress(report =>
        {
            if (report.BytesReceived > 0)
            {
                cancellation.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cache.GetAsync(ItemServedBy(server), progress, cancellation.Token));
        release.SetResult();

        Assert.Empty(FilesLeft());
    }

    [Fact]
    public async Task A_server_that_stops_sending_is_given_up_after_the_stall_timeout()
    {
        var release = new TaskCompletionSource();
        await using var server = new LocalHttpServer(
            _ => new ServerReply(200, Content, BytesToSend: 1000, HoldBeforeClosing: release.Task));
        using var cache = new DownloadCache(folder.FullName, client) { StallTimeout = TimeSpan.FromMilliseconds(300) };

        var error = await AssertFailsAsync(cache.GetAsync(ItemServedBy(server)));
        release.SetResult();

        Assert.Contains("broke off after 1,000 of", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing arrived for 0.3 s", error.Message, StringComparison.Ordinal);
        Assert.Empty(FilesLeft());
    }

    [Fact]
    public async Task GetAll_returns_the_paths_in_order_and_downloads_each_missing_file_once()
    {
        var other = MakeContent(5_000, seed: 2);
        await using var server = new LocalHttpServer(path => ServerReply.Ok(path.EndsWith("b.gz", StringComparison.Ordinal) ? other : Content));
        using var cache = NewCache();
        DownloadItem[] items =
        [
            new("test-set", "a.gz", server.Url("a.gz"), Content.Length, Sha256Of(Content)),
            new("test-set", "b.gz", server.Url("b.gz"), other.Length, Sha256Of(other)),
        ];
        await cache.GetAsync(items[1]);

        var paths = await cache.GetAllAsync(items);

        Assert.Equal([cache.PathOf(items[0]), cache.PathOf(items[1])], paths);
        Assert.Equal(other, await File.ReadAllBytesAsync(paths[1]));
        Assert.Equal(2, server.Requests);
    }

    private DownloadCache NewCache() => new(folder.FullName, client);

    private static DownloadItem ItemServedBy(LocalHttpServer server) =>
        new("test-set", "file.gz", server.Url("file.gz"), Content.Length, Sha256Of(Content));

    private string[] FilesLeft() => Directory.GetFiles(folder.FullName, "*", SearchOption.AllDirectories);

    private static async Task<DataInputException> AssertFailsAsync(Task task)
    {
        var error = await Assert.ThrowsAsync<DataInputException>(() => task);
        Assert.DoesNotContain('\n', error.Message);
        return error;
    }

    private static string Sha256Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] MakeContent(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Fails every request the way the network stack does when it cannot reach a server.</summary>
    /// <summary>Records reports on the reporting thread (unlike <see cref="Progress{T}"/>, which posts them later).</summary>
    private sealed class RecordingProgress(Action<DownloadProgress>? onReport = null) : IProgress<DownloadProgress>
    {
        public List<DownloadProgress> Reports { get; } = [];

        public void Report(DownloadProgress value)
        {
            Reports.Add(value);
            onReport?.Invoke(value);
        }
    }
}
