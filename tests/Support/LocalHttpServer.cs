using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Autoencoders.Tests.Support;

/// <summary>What the test server answers to one request.</summary>
/// <param name="Status">HTTP status code.</param>
/// <param name="Body">Bytes of the body.</param>
/// <param name="DeclaredLength">Content-Length to announce; the body's length unless set.</param>
/// <param name="BytesToSend">How many body bytes to send before closing; all unless set.</param>
/// <param name="HoldBeforeClosing">After sending, keep the connection open until this completes (bounded by the server's lifetime).</param>
internal sealed record ServerReply(int Status, byte[] Body, long? DeclaredLength = null, int? BytesToSend = null, Task? HoldBeforeClosing = null)
{
    public static ServerReply Ok(byte[] body) => new(200, body);
}

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (a free port) built on a TCP listener, so that a test controls the bytes
/// on the wire exactly: it can announce a longer body than it sends, or stop sending. One request per connection.
/// It always stops by itself: after <c>maxConnections</c> connections or after <c>lifetime</c>, whichever comes first.
/// </summary>
internal sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource lifetime;
    private readonly Func<string, ServerReply> reply;
    private readonly Task loop;
    private int requests;

    public LocalHttpServer(Func<string, ServerReply> reply, int maxConnections = 10, TimeSpan? lifetime = null)
    {
        this.reply = reply;
        this.lifetime = new CancellationTokenSource(lifetime ?? TimeSpan.FromSeconds(20));
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        loop = Task.Run(() => ServeAsync(maxConnections));
    }

    public int Port { get; }

    /// <summary>Requests answered (or being answered) so far.</summary>
    public int Requests => Volatile.Read(ref requests);

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}/{path.TrimStart('/')}");

    /// <summary>A port on 127.0.0.1 that nothing listens on (it was free a moment ago).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await lifetime.CancelAsync();
        listener.Stop();
        try
        {
            await loop;
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The loop ends by cancellation or by the listener closing under it; both are the normal ending here.
        }

        lifetime.Dispose();
    }

    private async Task ServeAsync(int maxConnections)
    {
        for (var i = 0; i < maxConnections && !lifetime.IsCancellationRequested; i++)
        {
            using var connection = await listener.AcceptTcpClientAsync(lifetime.Token);
            try
            {
                await AnswerAsync(connection.GetStream());
            }
            catch (Exception error) when (error is IOException or SocketException or OperationCanceledException)
            {
                // The client went away (a cancelled or refused download): serve the next connection.
            }
        }
    }

    private async Task AnswerAsync(NetworkStream stream)
    {
        var path = await ReadRequestPathAsync(stream);
        Interlocked.Increment(ref requests);
        var answer = reply(path);
        var head = $"HTTP/1.1 {answer.Status} {ReasonOf(answer.Status)}\r\nContent-Type: application/octet-stream\r\n" +
                   $"Content-Length: {answer.DeclaredLength ?? answer.Body.Length}\r\nConnection: close\r\n\r\n";
        // One write, so that a slow machine cannot open a gap between the head and the body that a client would see as a stall.
        byte[] bytes = [.. Encoding.ASCII.GetBytes(head), .. answer.Body.AsSpan(0, answer.BytesToSend ?? answer.Body.Length)];
        await stream.WriteAsync(bytes, lifetime.Token);
        await stream.FlushAsync(lifetime.Token);
        if (answer.HoldBeforeClosing is { } hold)
        {
            await hold.WaitAsync(lifetime.Token);
        }
    }

    private async Task<string> ReadRequestPathAsync(NetworkStream stream)
    {
        var received = new List<byte>();
        var buffer = new byte[1024];
        while (received.Count < 16 * 1024)
        {
            var read = await stream.ReadAsync(buffer, lifetime.Token);
            if (read == 0)
            {
                break;
            }

            received.AddRange(buffer.AsSpan(0, read));
            if (Encoding.ASCII.GetString([.. received]).Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                break;
            }
        }

        var requestLine = Encoding.ASCII.GetString([.. received]).Split("\r\n")[0].Split(' ');
        return requestLine.Length >= 2 ? requestLine[1] : "";
    }

    private static string ReasonOf(int status) => status switch
    {
        200 => "OK",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    };
}
