namespace Autoencoders.Tests.Support;

/// <summary>An HTTP handler whose every request fails with the given error: a machine without a network, in a test.</summary>
internal sealed class FailingHttpHandler(Exception error) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromException<HttpResponseMessage>(error);

    /// <summary>A client for a machine whose DNS resolves nothing.</summary>
    public static HttpClient Offline() => new(new FailingHttpHandler(new HttpRequestException(HttpRequestError.NameResolutionError)));
}
