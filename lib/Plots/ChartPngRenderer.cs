using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Plotly.NET;

namespace Autoencoders.Plots;

/// <summary>
/// One headless Chromium kept running to render many charts as PNG, for a caller that renders charts one after
/// another (a notebook session). The page with plotly.js loads once; each chart is then drawn into it and screenshotted
/// through Chromium's DevTools protocol, a fraction of a second per chart where <see cref="ChartPng"/> starts a browser
/// and parses plotly.js again for each (seconds). Same pictures: the static chart at its layout's size (or 800 × 600).
/// </summary>
public sealed class ChartPngRenderer : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    private readonly Process _browser;
    private readonly string _work;
    private readonly bool _watched;
    private readonly ClientWebSocket _socket = new();
    private readonly Lock _gate = new();
    private int _lastId;

    private ChartPngRenderer(Process browser, string work, bool watched)
    {
        _watched = watched;
        _browser = browser;
        _work = work;
    }

    /// <summary>Starts Chromium (as <see cref="ChartPng.FindChromium"/> finds it) with the drawing page loaded.</summary>
    /// <exception cref="ChromiumNotFoundException">No Chromium is installed.</exception>
    /// <exception cref="IOException">Chromium did not start or did not load the page.</exception>
    public static ChartPngRenderer Start()
    {
        var chromium = ChartPng.FindChromium() ?? throw new ChromiumNotFoundException(ChartPng.MissingMessage());
        var work = Directory.CreateTempSubdirectory("autoencoders-png-renderer-").FullName;
        var page = Path.Combine(work, "page.html");
        File.WriteAllText(page, DrawingPage());
        // Through a shell that ends the browser when its standard input closes, i.e. when this process ends however it
        // ends (a kernel can be killed without running its exit handlers): no browser outlives its notebook session.
        var watched = File.Exists("/bin/sh");
        var start = new ProcessStartInfo(watched ? "/bin/sh" : chromium)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = work,
        };
        if (watched)
        {
            // The shell also deletes the browser's temporary folder once the browser has gone: a kernel that is killed
            // or just exits never calls Dispose, and each session would leave a profile of several MB behind.
            start.Environment["AUTOENCODERS_RENDERER_FOLDER"] = work;
            const string Script = "\"$0\" \"$@\" & browser=$!; read unused; kill $browser; wait $browser; " +
                "case \"$AUTOENCODERS_RENDERER_FOLDER\" in */autoencoders-png-renderer-*) rm -rf \"$AUTOENCODERS_RENDERER_FOLDER\";; esac";
            foreach (var argument in new[] { "-c", Script, chromium })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in (string[])[.. ChartPng.BrowserArguments(work), "--remote-debugging-port=0", new Uri(page).AbsoluteUri])
        {
            start.ArgumentList.Add(argument);
        }

        var browser = Process.Start(start) ?? throw new IOException($"could not start {chromium}");
        // Nobody reads the browser's chatter, but its pipes must not fill up and block it.
        browser.OutputDataReceived += (_, _) => { };
        browser.ErrorDataReceived += (_, _) => { };
        browser.BeginOutputReadLine();
        browser.BeginErrorReadLine();
        var renderer = new ChartPngRenderer(browser, work, watched);
        try
        {
            renderer.Connect(Path.Combine(work, "profile", "DevToolsActivePort"));
            return renderer;
        }
        catch
        {
            renderer.Dispose();
            throw;
        }
    }

    /// <summary>The PNG file's bytes of <paramref name="chart"/>, drawn as a static plot.</summary>
    /// <exception cref="IOException">Chromium failed or did not answer within a minute.</exception>
    public byte[] Render(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var (width, height) = ChartPng.Size(chart);
        var figure = GenericChart.toJson(ChartPng.Static(chart));
        lock (_gate)
        {
            Call("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false });
            var drawn = Call("Runtime.evaluate", new JsonObject { ["expression"] = $"draw({figure})", ["awaitPromise"] = true, ["returnByValue"] = true });
            if (drawn.TryGetProperty("exceptionDetails", out var exception))
            {
                throw new IOException($"plotly.js could not draw the chart: {exception.GetRawText()}");
            }

            var clip = new JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = width, ["height"] = height, ["scale"] = 1 };
            var screenshot = Call("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["clip"] = clip });
            return Convert.FromBase64String(screenshot.GetProperty("data").GetString()!);
        }
    }

    /// <summary>The temporary folder holding the drawing page and the browser's profile (named on its command line).</summary>
    internal string Folder => _work;

    /// <summary>Closes the browser and deletes its temporary profile.</summary>
    public void Dispose()
    {
        _socket.Dispose();
        _browser.StandardInput.Close(); // the watching shell ends the browser, waits for it and deletes its folder
        try
        {
            if (!(_watched && _browser.WaitForExit(TimeSpan.FromSeconds(10))))
            {
                _browser.Kill(entireProcessTree: true);
                _browser.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // it had already gone
        }

        _browser.Dispose();
        try
        {
            if (Directory.Exists(_work))
            {
                Directory.Delete(_work, recursive: true);
            }
        }
        catch (IOException)
        {
            // a file the dying browser still wrote; the temporary folder is left to the system
        }
    }

    private static string DrawingPage() => $$"""
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><style>body { margin: 0; }</style>{{ChartHtml.PlotlyJsElement()}}
        <script>function draw(figure) { var div = document.getElementById('chart'); window.Plotly.purge(div); return window.Plotly.newPlot(div, figure.data, figure.layout, figure.config).then(function () { return true; }); }</script>
        </head><body><div id="chart"></div></body></html>
        """;

    private void Connect(string activePortFile)
    {
        var watch = Stopwatch.StartNew();
        while (!File.Exists(activePortFile) || File.ReadAllLines(activePortFile).Length < 2)
        {
            if (_browser.HasExited || watch.Elapsed > Timeout)
            {
                throw new IOException($"Chromium did not open its DevTools port (exit code {(_browser.HasExited ? _browser.ExitCode : "none")})");
            }

            Thread.Sleep(50);
        }

        var port = int.Parse(File.ReadAllLines(activePortFile)[0], CultureInfo.InvariantCulture);
        using var http = new HttpClient { Timeout = Timeout };
        string? pageSocket = null;
        while (pageSocket is null)
        {
            var targets = JsonDocument.Parse(http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/json/list")).GetAwaiter().GetResult()).RootElement;
            pageSocket = targets.EnumerateArray()
                .Where(target => target.GetProperty("type").GetString() == "page" && target.GetProperty("url").GetString()!.EndsWith("page.html", StringComparison.Ordinal))
                .Select(target => target.GetProperty("webSocketDebuggerUrl").GetString()).FirstOrDefault();
            if (pageSocket is null)
            {
                Thread.Sleep(50);
            }
        }

        _socket.ConnectAsync(new Uri(pageSocket), CancellationToken.None).WaitAsync(Timeout).GetAwaiter().GetResult();
        // The page's own script defines draw once plotly.js has been parsed.
        while (!Call("Runtime.evaluate", new JsonObject { ["expression"] = "typeof draw === 'function' && !!window.Plotly", ["returnByValue"] = true })
            .GetProperty("result").TryGetProperty("value", out var ready) || !ready.GetBoolean())
        {
            if (watch.Elapsed > Timeout)
            {
                throw new IOException("Chromium did not load plotly.js within a minute");
            }

            Thread.Sleep(50);
        }
    }

    // Sends one DevTools command and waits for its answer, skipping the events that arrive in between.
    private JsonElement Call(string method, JsonObject parameters)
    {
        var id = ++_lastId;
        var message = Encoding.UTF8.GetBytes(new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters }.ToJsonString());
        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancel.Token).GetAwaiter().GetResult();
            while (true)
            {
                var answer = JsonDocument.Parse(Receive(cancel.Token)).RootElement;
                if (answer.TryGetProperty("id", out var answerId) && answerId.GetInt32() == id)
                {
                    return answer.TryGetProperty("error", out var error)
                        ? throw new IOException($"Chromium refused {method}: {error.GetRawText()}")
                        : answer.GetProperty("result").Clone();
                }
            }
        }
        catch (Exception error) when (error is OperationCanceledException or WebSocketException)
        {
            throw new IOException($"Chromium did not answer {method}: {error.Message}", error);
        }
    }

    private byte[] Receive(CancellationToken cancel)
    {
        using var message = new MemoryStream();
        var buffer = new byte[64 * 1024];
        WebSocketReceiveResult part;
        do
        {
            part = _socket.ReceiveAsync(buffer, cancel).GetAwaiter().GetResult();
            if (part.MessageType == WebSocketMessageType.Close)
            {
                throw new IOException("Chromium closed the DevTools connection");
            }

            message.Write(buffer, 0, part.Count);
        }
        while (!part.EndOfMessage);
        return message.ToArray();
    }
}
