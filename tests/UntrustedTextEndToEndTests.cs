using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests;

/// <summary>
/// Tables whose column names, labels and file names carry script and markup payloads (<see cref="HostileText"/>), run
/// once through the verbs that write pages: train + evaluate (figures with the class names), run (the report, named
/// after the file) and anomaly-benchmark (a page naming the columns).
/// </summary>
public sealed class HostileDataOutputs : IDisposable
{
    private readonly TempFolder _folder = new();

    public HostileDataOutputs()
    {
        var random = new Random(14);
        var invariant = CultureInfo.InvariantCulture;
        string Value(double mean) => (mean + (random.NextDouble() - 0.5)).ToString("F4", invariant);

        // One class per payload, apart in the features so that every chart has something to draw.
        var classes = HostileText.Each.Length;
        Labelled = Table("labelled", ["a", "b", HostileText.Image, "label"], Enumerable.Range(0, 120).Select(row =>
            (string[])[Value(row % classes), Value(-(row % classes)), Value(0.5 * (row % classes)), HostileText.Each[row % classes]]));
        var unlabelled = Table("unlabelled", ["a", "b", HostileText.Image], Enumerable.Range(0, 120).Select(_ => (string[])[Value(0), Value(0), Value(0)]));
        var zeroOne = Table("zero-one", ["a", "b", HostileText.Image, "label"], Enumerable.Range(0, 120).Select(row =>
            (string[])[Value(0), Value(0), Value(row % 10 == 0 ? 12 : 0), row % 10 == 0 ? "1" : "0"]));

        var checkpoint = _folder.File("checkpoint");
        Run("train", "--dataset", Labelled, "--label-column", "label", "--model", "dense", "--epochs", "1", "--exclude-class", "0", "--out", checkpoint);
        Run("evaluate", "--checkpoint", checkpoint, "--anomaly-class", "0", "--out", _folder.File("figures"));
        Run("run", "--dataset", unlabelled, "--model", "dense", "--epochs", "1", "--out", _folder.File("run"));
        Run("anomaly-benchmark", "--dataset", zeroOne, "--label-column", "label", "--protocol", "random-splits", "--splits", "1", "--epochs", "2",
            "--out", _folder.File("benchmark"));
    }

    /// <summary>A file name that is itself a payload, where the file system allows it (not on Windows).</summary>
    public static string DataName => OperatingSystem.IsWindows() ? "table" : "t<img src=x onerror=document.title='pwned'>";

    public string Labelled { get; }

    public string Figure(string name) => _folder.File(Path.Combine("figures", name + ".html"));

    public string Report => _folder.File(Path.Combine("run", "report.html"));

    public string RunFigures => _folder.File(Path.Combine("run", "figures"));

    public string Benchmark => _folder.File(Path.Combine("benchmark", "anomaly-benchmark.html"));

    public IEnumerable<string> Pages =>
        Directory.GetFiles(_folder.File("figures"), "*.html").Concat(Directory.GetFiles(RunFigures, "*.html")).Append(Report).Append(Benchmark);

    public void Dispose() => _folder.Dispose();

    private string Table(string folder, string[] header, IEnumerable<string[]> rows)
    {
        static string Field(string value) => value.IndexOfAny(['"', ',', '\n']) < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        var csv = new StringBuilder().AppendJoin(',', header.Select(Field)).Append('\n');
        foreach (var row in rows)
        {
            csv.AppendJoin(',', row.Select(Field)).Append('\n');
        }

        Directory.CreateDirectory(_folder.File(folder));
        return _folder.Write(Path.Combine(folder, DataName + ".csv"), csv.ToString());
    }

    private static void Run(params string[] args)
    {
        var (code, _, errors) = CliTests.Run([.. args, "--threads", "1"]);
        Assert.True(code == 0, $"{args[0]}: {errors}");
    }
}

public sealed class UntrustedTextEndToEndTests(HostileDataOutputs outputs) : IClassFixture<HostileDataOutputs>
{
    private static readonly string[] ClassFigures = ["per-class-error", "latent-scatter"];

    [Fact]
    public void The_pages_hold_every_payload_only_as_escaped_text()
    {
        Assert.Equal(9, outputs.Pages.Count()); // five figures of evaluate, two of run, the report and the benchmark page
        foreach (var page in outputs.Pages)
        {
            var html = File.ReadAllText(page);
            foreach (var piece in HostileText.RawPiecesInPages)
            {
                Assert.False(html.Contains(piece, StringComparison.OrdinalIgnoreCase), $"{page} holds {piece} raw");
            }

            // plotly.js and one script per chart: no payload opened a script of its own.
            Assert.Equal(1 + Regex.Count(html, "<div id=\"chart-"), Regex.Count(html, "<script", RegexOptions.IgnoreCase));
        }

        foreach (var figure in ClassFigures)
        {
            var html = File.ReadAllText(outputs.Figure(figure));
            // plotly.js text (tags and braces as entities) inside script-safe JSON (& < > as \u escapes), written out by hand.
            Assert.Contains("\"\\u0026lt;b\\u0026gt;bold\\u0026lt;/b\\u0026gt;\\u0026amp;amp;\"", html, StringComparison.Ordinal);
            Assert.Contains("\"%\\u0026#123;meta.pwned\\u0026#125;\"", html, StringComparison.Ordinal);
        }

        Assert.Contains($"<h1>Autoencoder report: dense on {WebUtility.HtmlEncode(HostileDataOutputs.DataName)}</h1>", File.ReadAllText(outputs.Report), StringComparison.Ordinal);
        Assert.Contains($"<td>{WebUtility.HtmlEncode(HostileText.Image)}: ", File.ReadAllText(outputs.Benchmark), StringComparison.Ordinal);
    }

    [ChromiumFact]
    public void In_Chromium_no_payload_runs_and_the_names_show_as_written()
    {
        var doms = outputs.Pages.ToDictionary(page => page, HeadlessChromium.DumpDom);

        foreach (var (page, dom) in doms)
        {
            // Every payload that runs sets the title to "pwned"; an injected element shows up as a tag in the DOM.
            Assert.Equal(Title(File.ReadAllText(page)), Title(dom));
            Assert.DoesNotMatch(@"<img[\s>/]", dom);
            Assert.DoesNotContain("<script>document.title", dom, StringComparison.Ordinal);
        }

        foreach (var figure in ClassFigures)
        {
            // Tick labels and legend entries: each class name as one whole text node, template fields and all.
            Assert.All(HostileText.Each, label => Assert.Contains($">{HeadlessChromium.AsTextNode(label)}<", doms[outputs.Figure(figure)], StringComparison.Ordinal));
        }

        Assert.Matches(">ROC: '[^<]*(&lt;|%\\{|\\{\\{)", doms[outputs.Figure("roc")]); // the held-out class's name, shown
        Assert.Contains($"<h1>Autoencoder report: dense on {HeadlessChromium.AsTextNode(HostileDataOutputs.DataName)}</h1>", doms[outputs.Report], StringComparison.Ordinal);
        Assert.Contains($"<td>{HeadlessChromium.AsTextNode(HostileText.Image)}: ", doms[outputs.Benchmark], StringComparison.Ordinal);
    }

    // The page's title as text: the file encodes it for HTML, the DOM serialiser writes it its own way.
    private static string Title(string html) => WebUtility.HtmlDecode(Regex.Match(html, "<title>([^<]*)</title>").Groups[1].Value);
}
