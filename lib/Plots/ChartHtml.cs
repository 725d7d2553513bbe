using System.Text;
using Plotly.NET;

namespace Autoencoders.Plots;

/// <summary>
/// Self-contained HTML for charts: plotly.js (the copy bundled in Plotly.NET) is inlined, nothing is loaded from a
/// network, so the files open offline. Files are written to a temporary file and renamed into place.
/// </summary>
public static class ChartHtml
{
    private static readonly Lazy<string> PlotlyJs = new(ReadBundledPlotlyJs);

    /// <summary>A whole HTML page showing one chart, plotly.js inlined (about 3.6 MB).</summary>
    public static string ToHtml(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        // The chart's title is plotly.js text (entities for <, > and &): the page's title shows the same words.
        return Page(Title(chart) is { } title ? PlotText.Plain(title) : "Chart", ChartDiv(chart), margin: "0");
    }

    /// <summary>Writes <see cref="ToHtml"/> to <paramref name="path"/> (folders are created; an existing file is replaced).</summary>
    public static void Save(GenericChart chart, string path) => WriteAtomically(path, ToHtml(chart));

    /// <summary>
    /// Writes one offline HTML page with a title and sections (heading, text, tables, charts), plotly.js included once.
    /// </summary>
    public static void SaveReport(string path, string title, IEnumerable<ReportSection> sections) =>
        WriteAtomically(path, ToReportHtml(title, sections));

    /// <summary>The HTML page <see cref="SaveReport"/> writes.</summary>
    public static string ToReportHtml(string title, IEnumerable<ReportSection> sections)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(sections);
        var body = new StringBuilder();
        body.Append("<h1>").Append(Encode(title)).AppendLine("</h1>");
        foreach (var section in sections)
        {
            body.Append(section.ToHtml(ChartDiv));
        }

        return Page(title, body.ToString(), margin: "1.5em");
    }

    /// <summary>
    /// plotly.js (the copy bundled in Plotly.NET) as one script element for a page that shows several chart
    /// fragments, e.g. a notebook: it defines <c>window.Plotly</c> even where require.js has defined <c>define</c>
    /// (classic Jupyter), whose presence would otherwise make plotly's loader register an anonymous AMD module
    /// instead, and nothing outside the element is loaded from anywhere.
    /// </summary>
    public static string PlotlyJsElement() =>
        // The wrapper's parameters hide any global define, exports and module from plotly's loader, which then
        // falls back to setting self.Plotly.
        $"<script type=\"text/javascript\">(function (define, exports, module) {{\n{PlotlyJs.Value}\n}})();</script>";

    /// <summary>The plotly.js version bundled in Plotly.NET, read from the bundle's header, e.g. <c>2.28.0</c>.</summary>
    public static string PlotlyJsVersion =>
        System.Text.RegularExpressions.Regex.Match(PlotlyJs.Value, @"plotly\.js v(\d+(\.\d+)*)") is { Success: true } match ? match.Groups[1].Value : "unknown";

    /// <summary>
    /// The chart's div and a drawing script that waits for <c>window.Plotly</c>, for a page where
    /// <see cref="PlotlyJsElement"/> is sent once (before or after the fragment): in a notebook, each output is a
    /// fragment and the set-up cell's output carries plotly.js. After 30 s without plotly.js the div says so.
    /// </summary>
    public static string Fragment(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var id = $"chart-{Guid.NewGuid():N}";
        return $"<div id=\"{id}\"></div><script type=\"text/javascript\">(function () {{ var figure = {ScriptSafeJson(GenericChart.toJson(chart))}; " +
            "var tries = 0; var draw = function () { " +
            $"if (window.Plotly) {{ window.Plotly.newPlot('{id}', figure.data, figure.layout, figure.config); }} " +
            "else if (++tries < 300) { setTimeout(draw, 100); } " +
            $"else {{ document.getElementById('{id}').textContent = '{MissingPlotlyJs}'; }} }}; draw(); }})();</script>";
    }

    /// <summary>What a chart fragment shows when no plotly.js came to the page.</summary>
    public const string MissingPlotlyJs = "plotly.js is not loaded: run the set-up cell, which sends it once per kernel session.";

    /// <summary>The chart's own div and drawing script, without plotly.js.</summary>
    internal static string ChartDiv(GenericChart chart)
    {
        // Written here rather than by Plotly.NET's toChartHTML, which puts the figure's JSON into the script as it is:
        // a class name or column name holding "</script>" would end the script early and run what follows it.
        var id = $"chart-{Guid.NewGuid():N}";
        return $"<div><div id=\"{id}\"></div><script type=\"text/javascript\">(function () {{ var figure = {ScriptSafeJson(GenericChart.toJson(chart))}; " +
            $"Plotly.newPlot('{id}', figure.data, figure.layout, figure.config); }})();</script></div>";
    }

    /// <summary>
    /// JSON that can stand inside an HTML script element: &lt;, &gt; and &amp; (which JSON's syntax never uses outside
    /// strings) become \u003c, \u003e and \u0026, the same characters to a JSON or JavaScript reader, so no text from
    /// the data can close the script or open another. U+2028 and U+2029 are escaped too: JavaScript engines before
    /// ES2019 end a string literal at them.
    /// </summary>
    internal static string ScriptSafeJson(string json) =>
        json.Replace("<", "\\u003c", StringComparison.Ordinal).Replace(">", "\\u003e", StringComparison.Ordinal).Replace("&", "\\u0026", StringComparison.Ordinal)
            .Replace("\u2028", "\\u2028", StringComparison.Ordinal).Replace("\u2029", "\\u2029", StringComparison.Ordinal);

    internal static void WriteAtomically(string path, string content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        IO.AtomicFile.WriteAllText(path, content);
    }

    internal static string Encode(string text) => System.Net.WebUtility.HtmlEncode(text);

    private static string Page(string title, string body, string margin) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>{{Encode(title)}}</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: {{margin}}; color: #222; }
        table { border-collapse: collapse; margin: 0.5em 0 1em; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
        th { background: #f3f3f3; }
        code { background: #f3f3f3; padding: 0 0.2em; }
        </style>
        <script type="text/javascript">{{PlotlyJs.Value}}</script>
        </head>
        <body>
        {{body}}
        </body>
        </html>
        """;

    internal static string? Title(GenericChart chart)
    {
        var layout = GenericChart.getLayout(chart);
        return layout.TryGetPropertyValue("title") is { } value && value.Value?.GetType().GetProperty("text")?.GetValue(value.Value) is string text ? text : null;
    }

    private static string ReadBundledPlotlyJs()
    {
        var assembly = typeof(GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".min.js", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);

        // A literal "</script>" inside the bundle would end the inline script element early.
        return reader.ReadToEnd().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    }
}
