using System.Diagnostics;
using System.Globalization;
using Plotly.NET;

namespace Autoencoders.Plots;

/// <summary>
/// PNG export through a local headless Chromium: the chart is written as offline HTML (plotly.js inlined) and
/// screenshotted. Set <see cref="ChromiumVariable"/> to use a browser other than <c>/usr/bin/chromium</c>.
/// </summary>
public static class ChartPng
{
    /// <summary>The environment variable naming the Chromium (or Chrome) executable to use.</summary>
    public const string ChromiumVariable = "AUTOENCODERS_CHROMIUM";

    private static readonly string[] KnownLocations = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/snap/bin/chromium"];

    /// <summary>The Chromium executable PNG export would use, or null when there is none.</summary>
    public static string? FindChromium()
    {
        if (Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        return KnownLocations.FirstOrDefault(File.Exists);
    }

    /// <summary>True when a Chromium was found, so <see cref="Save"/> can work.</summary>
    public static bool IsAvailable => FindChromium() is not null;

    /// <summary>
    /// Renders <paramref name="chart"/> to a PNG file of its layout size (or 800 × 600). Takes a few seconds.
    /// </summary>
    /// <exception cref="ChromiumNotFoundException">No Chromium is installed (one-line message naming the package).</exception>
    /// <exception cref="IOException">Chromium ran but produced no image.</exception>
    public static void Save(GenericChart chart, string path)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        Render(chart, screenshot => File.Move(screenshot, full, overwrite: true), path);
    }

    /// <summary>
    /// Renders <paramref name="chart"/> as <see cref="Save"/> does and returns the PNG file's bytes, e.g. to embed
    /// the picture in a notebook output.
    /// </summary>
    /// <exception cref="ChromiumNotFoundException">No Chromium is installed (one-line message naming the package).</exception>
    /// <exception cref="IOException">Chromium ran but produced no image.</exception>
    public static byte[] ToBytes(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        byte[] bytes = [];
        Render(chart, screenshot => bytes = File.ReadAllBytes(screenshot), "a chart");
        return bytes;
    }

    private static void Render(GenericChart chart, Action<string> takeScreenshot, string description)
    {
        var chromium = FindChromium() ?? throw new ChromiumNotFoundException(MissingMessage());
        var (width, height) = Size(chart);
        var work = Directory.CreateTempSubdirectory("autoencoders-png-").FullName;
        try
        {
            var html = Path.Combine(work, "chart.html");
            File.WriteAllText(html, ChartHtml.ToHtml(Static(chart)));
            var screenshot = Path.Combine(work, "chart.png");
            Run(chromium, work, screenshot, width, height, new Uri(html).AbsoluteUri);
            if (!File.Exists(screenshot) || new FileInfo(screenshot).Length == 0)
            {
                throw new IOException($"{chromium} wrote no screenshot for {description}");
            }

            takeScreenshot(screenshot);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // A picture has no use for plotly's tool bar or hover effects.
    internal static GenericChart Static(GenericChart chart)
    {
        // A new config object: addConfig would change the caller's chart through its shared config.
        var config = new Config();
        foreach (var property in GenericChart.getConfig(chart).GetProperties(true))
        {
            config.SetProperty(property.Key, property.Value);
        }

        config.SetProperty("displayModeBar", false);
        config.SetProperty("staticPlot", true);
        return GenericChart.setConfig(config, chart);
    }

    internal static string MissingMessage() =>
        Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } configured
            ? $"PNG export needs Chromium, but {ChromiumVariable}={configured} does not exist: point it at the chromium executable, or unset it and install Chromium (apt-get install chromium on Debian/Ubuntu)"
            : $"PNG export needs Chromium, which is not installed ({string.Join(", ", KnownLocations)} not found): install it (apt-get install chromium on Debian/Ubuntu) or set {ChromiumVariable} to its path";

    internal static (int Width, int Height) Size(GenericChart chart)
    {
        var layout = GenericChart.getLayout(chart);
        static int Read(Layout layout, string name, int fallback) =>
            layout.TryGetPropertyValue(name) is { } value && value.Value is IConvertible number ? Convert.ToInt32(number, CultureInfo.InvariantCulture) : fallback;
        return (Read(layout, "width", 800), Read(layout, "height", 600));
    }

    /// <summary>
    /// The flags every headless Chromium of the library starts with, its profile in <paramref name="work"/>: a fresh
    /// profile per browser, so nothing is read from or written to the user's browser profile.
    /// </summary>
    internal static string[] BrowserArguments(string work) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--no-first-run", "--no-default-browser-check", "--hide-scrollbars", "--force-device-scale-factor=1",
        $"--user-data-dir={Path.Combine(work, "profile")}",
    ];

    private static void Run(string chromium, string work, string screenshot, int width, int height, string url)
    {
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = work,
        };
        string[] arguments =
        [
            .. BrowserArguments(work),
            // plotly.js draws these charts synchronously on load, so the screenshot matched without this flag
            // (Chromium 156, Debian 12); the budget guards against asynchronous drawing at ~0.3 s extra cost.
            "--virtual-time-budget=5000",
            $"--screenshot={screenshot}",
            string.Create(CultureInfo.InvariantCulture, $"--window-size={width},{height}"),
            url,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new IOException($"could not start {chromium}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new IOException($"{chromium} did not finish a screenshot within 2 minutes");
        }

        if (process.ExitCode != 0)
        {
            var last = errors.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? output.Result.Trim();
            throw new IOException($"{chromium} failed with exit code {process.ExitCode}: {last}");
        }
    }
}
