using System.Text.Json.Nodes;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Notebooks;

/// <summary>
/// A workbook of one notebook made up for a test: its .dib in <c>notebooks/</c>, its executed .ipynb (code cells with
/// the outputs given, as Jupyter's .NET kernel stores them) in <c>executed/</c>, pages rendered into <c>pages/</c>.
/// </summary>
internal sealed class SyntheticNotebook : IDisposable
{
    private readonly TempFolder _folder = new();

    public SyntheticNotebook(string name = "01-example")
    {
        Name = name;
        Directory.CreateDirectory(NotebookFolder);
        Directory.CreateDirectory(ExecutedFolder);
    }

    public string Name { get; }

    public string NotebookFolder => Path.Combine(_folder.Path, "notebooks");

    public string ExecutedFolder => Path.Combine(_folder.Path, "executed");

    public string PageFolder => Path.Combine(_folder.Path, "pages");

    public string PagePath => Path.Combine(PageFolder, Name + ".md");

    public string Page => File.ReadAllText(PagePath);

    /// <summary>Writes the .dib from cells given as (isCode, text) and the executed notebook with each code cell's outputs.</summary>
    public void Write(IReadOnlyList<(bool IsCode, string Text)> cells, params JsonArray[] outputsPerCodeCell)
    {
        var dib = string.Concat(cells.Select(cell => (cell.IsCode ? "#!csharp" : "#!markdown") + "\n\n" + cell.Text + "\n\n"));
        File.WriteAllText(Path.Combine(NotebookFolder, Name + ".dib"), dib);
        WriteExecuted(cells.Where(cell => cell.IsCode).Select(cell => cell.Text).ToList(), outputsPerCodeCell);
    }

    /// <summary>Writes only the executed notebook: code cells with their outputs.</summary>
    public void WriteExecuted(IReadOnlyList<string> code, params JsonArray[] outputsPerCodeCell)
    {
        var cells = new JsonArray();
        for (var index = 0; index < code.Count; index++)
        {
            cells.Add(new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = index + 1,
                ["metadata"] = new JsonObject(),
                ["outputs"] = index < outputsPerCodeCell.Length ? outputsPerCodeCell[index].DeepClone() : new JsonArray(),
                ["source"] = Lines(code[index]),
            });
        }

        var notebook = new JsonObject { ["cells"] = cells, ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 5 };
        File.WriteAllText(Path.Combine(ExecutedFolder, Name + ".ipynb"), notebook.ToJsonString());
    }

    public (int Code, string Output, string Errors) Render(params string[] extra) =>
        CliTests.Run(["notebooks", "render", "--folder", NotebookFolder, "--from", ExecutedFolder, "--out", PageFolder, .. extra]);

    public static JsonObject Stream(string text) =>
        new() { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = Lines(text) };

    public static JsonObject Display(params (string Mime, string Content)[] bundle)
    {
        var data = new JsonObject();
        foreach (var (mime, content) in bundle)
        {
            data[mime] = Lines(content);
        }

        return new JsonObject { ["output_type"] = "display_data", ["data"] = data, ["metadata"] = new JsonObject() };
    }

    public static JsonObject Png(byte[] bytes, string html = "<div>chart</div><script>Plotly.newPlot('x', [], {});</script>")
    {
        var display = Display(("text/html", html));
        // Jupyter stores base64 image data as one string, not as lines.
        display["data"]!["image/png"] = Convert.ToBase64String(bytes);
        return display;
    }

    public static JsonObject Error(string name, string value) =>
        new() { ["output_type"] = "error", ["ename"] = name, ["evalue"] = value, ["traceback"] = new JsonArray() };

    public static JsonArray Outputs(params JsonObject[] outputs) => [.. outputs];

    public void Dispose() => _folder.Dispose();

    // Jupyter stores text as lines, each but the last ending in a newline.
    private static JsonArray Lines(string text)
    {
        var lines = text.Split('\n');
        return [.. lines.Select((line, index) => (JsonNode)JsonValue.Create(index < lines.Length - 1 ? line + "\n" : line))];
    }
}
