using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Autoencoders.IO;

namespace Autoencoders.Cli.Bench;

/// <summary>The results of one bench run and the machine they were measured on, as JSON and as Markdown.</summary>
internal sealed record BenchReport(string Dataset, DateTimeOffset Started, IReadOnlyList<BenchResult> Results)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Machine { get; } =
        $"{RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical cores, {RuntimeInformation.FrameworkDescription}";

    /// <summary>Writes <c>bench.json</c> and <c>bench.md</c> into <paramref name="folder"/>; returns their paths.</summary>
    public (string Json, string Markdown) Write(string folder)
    {
        var json = Path.GetFullPath(Path.Combine(folder, "bench.json"));
        var markdown = Path.GetFullPath(Path.Combine(folder, "bench.md"));
        AtomicFile.WriteAllText(json, ToJson());
        AtomicFile.WriteAllText(markdown, ToMarkdown());
        return (json, markdown);
    }

    public string ToJson()
    {
        var document = new
        {
            dataset = Dataset,
            started = Started.ToString("O", CultureInfo.InvariantCulture),
            machine = Machine,
            measurements = Results.Select(result => new
            {
                name = result.Name,
                description = result.Description,
                figures = result.Figures.Select(figure => new { name = figure.Name, value = Math.Round(figure.Value, 4), unit = figure.Unit }),
                verdict = result.Verdict,
            }),
        };
        return JsonSerializer.Serialize(document, JsonOptions) + "\n";
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder()
            .AppendLine("# Bench")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Data set `{Dataset}`, started {Started:u}, on {Machine}.")
            .AppendLine();
        foreach (var result in Results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"## {result.Name}")
                .AppendLine()
                .AppendLine(result.Description)
                .AppendLine()
                .AppendLine("| figure | value | unit |")
                .AppendLine("|---|---:|---|");
            foreach (var figure in result.Figures)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {figure.Name} | {figure.Value:0.###} | {figure.Unit} |");
            }

            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"**{result.Verdict}**").AppendLine();
        }

        return text.ToString();
    }
}
