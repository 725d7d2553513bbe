using System.Text.Json;

namespace Autoencoders.Cli.Notebooks;

/// <summary>What a page shows of one output of a cell.</summary>
internal enum OutputKind
{
    /// <summary>Text: printed lines, a table as text, a value.</summary>
    Text,

    /// <summary>A figure with its static image (PNG).</summary>
    Image,

    /// <summary>A chart that only a browser with plotly.js draws: the page says so in one line.</summary>
    InteractiveChart,

    /// <summary>An output in a form the page cannot show as text or image.</summary>
    Unshown,
}

/// <summary>One output of a code cell as the page shows it: its text (for <see cref="OutputKind.Text"/>) or PNG bytes.</summary>
internal sealed record CellOutput(OutputKind Kind, string Text = "", byte[]? Png = null);

/// <summary>A code cell of an executed notebook: its code, what it showed, and its error when it failed.</summary>
internal sealed record ExecutedCodeCell(string Code, IReadOnlyList<CellOutput> Outputs, string? Error);

/// <summary>
/// Reads an executed Jupyter notebook (nbformat 4, as <c>jupyter nbconvert --execute</c> and dotnet-repl write it): its code
/// cells with their outputs, each output's mime bundle reduced to what a Markdown page can show without markup from it.
/// </summary>
internal static class ExecutedNotebook
{
    /// <summary>The code cells of the notebook text <paramref name="ipynb"/>, in order.</summary>
    /// <exception cref="FormatException">The text is not a Jupyter notebook.</exception>
    public static IReadOnlyList<ExecutedCodeCell> ReadCodeCells(string ipynb)
    {
        try
        {
            using var document = JsonDocument.Parse(ipynb);
            if (!document.RootElement.TryGetProperty("cells", out var cells) || cells.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("it has no list of cells");
            }

            return [.. cells.EnumerateArray().Where(IsCode).Select(ReadCodeCell)];
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new FormatException($"not a Jupyter notebook ({error.Message})", error);
        }
    }

    private static bool IsCode(JsonElement cell) => cell.GetProperty("cell_type").GetString() == "code";

    private static ExecutedCodeCell ReadCodeCell(JsonElement cell)
    {
        var code = Joined(cell.GetProperty("source"));
        // The kernel's messages in the set-up cells (packages installed, extensions loaded) tell the reader nothing.
        var setUp = code.Contains("#r \"nuget:", StringComparison.Ordinal);
        var outputs = new List<CellOutput>();
        string? error = null;
        var stream = new List<string>();
        foreach (var output in cell.TryGetProperty("outputs", out var list) ? list.EnumerateArray() : Enumerable.Empty<JsonElement>())
        {
            var type = output.GetProperty("output_type").GetString();
            if (type == "stream")
            {
                stream.Add(Joined(output.GetProperty("text")));
                continue;
            }

            FlushStream();
            if (type == "error")
            {
                error = $"{Text(output, "ename")}: {Text(output, "evalue")}";
            }
            else if (output.TryGetProperty("data", out var bundle) && Shown(bundle) is { } shown && !setUp)
            {
                outputs.Add(shown);
            }
        }

        FlushStream();
        return new ExecutedCodeCell(code, WithoutInteractiveTwins(outputs), error);

        void FlushStream()
        {
            // Consecutive printed chunks are one block of text; a carriage return (a progress line redrawn) keeps its last state.
            if (stream.Count > 0 && !setUp)
            {
                var lines = string.Concat(stream).ReplaceLineEndings("\n").Split('\n').Select(line => line[(line.LastIndexOf('\r') + 1)..]);
                var text = string.Join('\n', lines).Trim('\n');
                if (text.Length > 0)
                {
                    outputs.Add(new CellOutput(OutputKind.Text, text));
                }
            }

            stream.Clear();
        }
    }

    // A kernel that displays a chart's PNG as an output of its own, next to the chart's HTML, shows one figure, not two.
    private static List<CellOutput> WithoutInteractiveTwins(List<CellOutput> outputs) =>
        [.. outputs.Where((output, index) => output.Kind != OutputKind.InteractiveChart
            || !((index > 0 && outputs[index - 1].Kind == OutputKind.Image) || (index + 1 < outputs.Count && outputs[index + 1].Kind == OutputKind.Image)))];

    // A figure's static PNG wins over its interactive HTML; an object's text over its HTML; HTML is only ever read as text.
    private static CellOutput? Shown(JsonElement bundle)
    {
        if (bundle.TryGetProperty("image/png", out var png))
        {
            return new CellOutput(OutputKind.Image, Png: Convert.FromBase64String(Joined(png).Replace("\n", "", StringComparison.Ordinal)));
        }

        var html = bundle.TryGetProperty("text/html", out var htmlValue) ? Joined(htmlValue) : null;
        if (html is not null && HtmlOutputText.IsPlotlyChart(html))
        {
            return new CellOutput(OutputKind.InteractiveChart);
        }

        if (bundle.TryGetProperty("text/plain", out var plain))
        {
            var text = Joined(plain).ReplaceLineEndings("\n").Trim('\n');
            return HtmlOutputText.IsKernelMessage(text) || text.Length == 0 ? null : new CellOutput(OutputKind.Text, text);
        }

        if (html is not null)
        {
            var text = HtmlOutputText.IsKernelMessage(html) ? "" : HtmlOutputText.ToText(html);
            return text.Length == 0 ? null : new CellOutput(OutputKind.Text, text);
        }

        return bundle.EnumerateObject().Any() ? new CellOutput(OutputKind.Unshown) : null;
    }

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? Joined(value) : "";

    // Jupyter stores text either as one string or as a list of lines.
    private static string Joined(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => string.Concat(value.EnumerateArray().Select(line => line.GetString())),
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };
}
