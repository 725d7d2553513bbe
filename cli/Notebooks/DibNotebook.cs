using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Autoencoders.Cli.Notebooks;

/// <summary>One cell of a notebook: C# code or Markdown, with its text.</summary>
internal sealed record NotebookCell(bool IsCode, string Text);

/// <summary>
/// Converts the workbook's source format, .dib (Polyglot Notebooks' plain-text format: a line <c>#!csharp</c> or
/// <c>#!markdown</c> starts each cell), into the .ipynb that Jupyter's .NET kernel and VS Code open, without outputs.
/// The output depends only on the .dib text, so a committed .ipynb can be compared byte for byte.
/// </summary>
internal static class DibNotebook
{
    private const string CodeMarker = "#!csharp";
    private const string MarkdownMarker = "#!markdown";

    /// <summary>The cells of a .dib file's text; text before the first marker is refused.</summary>
    /// <exception cref="FormatException">Text outside a cell; the message names the line.</exception>
    public static IReadOnlyList<NotebookCell> Parse(string dib)
    {
        ArgumentNullException.ThrowIfNull(dib);
        var cells = new List<NotebookCell>();
        bool? isCode = null;
        var lines = new List<string>();
        var number = 0;
        foreach (var line in dib.ReplaceLineEndings("\n").Split('\n'))
        {
            number++;
            var marker = line.TrimEnd();
            if (marker is CodeMarker or MarkdownMarker)
            {
                Flush();
                isCode = marker == CodeMarker;
            }
            else if (isCode is null && line.Trim().Length > 0)
            {
                throw new FormatException($"line {number} is outside any cell: start the file with '{CodeMarker}' or '{MarkdownMarker}'");
            }
            else
            {
                lines.Add(line);
            }
        }

        Flush();
        return cells;

        void Flush()
        {
            if (isCode is { } code)
            {
                cells.Add(new NotebookCell(code, string.Join('\n', lines).Trim('\n')));
            }

            lines.Clear();
        }
    }

    /// <summary>The .ipynb text (nbformat 4, .NET C# kernel, no outputs) of a .dib file's text.</summary>
    public static string ToIpynb(string dib)
    {
        var cells = new JsonArray([.. Parse(dib).Select(ToJson)]);
        var notebook = new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["file_extension"] = ".cs", ["mimetype"] = "text/x-csharp", ["name"] = "C#", ["pygments_lexer"] = "csharp" },
                ["polyglot_notebook"] = new JsonObject
                {
                    ["defaultKernelName"] = "csharp",
                    ["items"] = new JsonArray(new JsonObject { ["name"] = "csharp" }),
                },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 4,
        };
        return notebook.ToJsonString(JsonOptions).ReplaceLineEndings("\n") + "\n";
    }

    // Relaxed escaping keeps quotes, backticks and non-ASCII text readable in diffs of the committed .ipynb.
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static JsonObject ToJson(NotebookCell cell)
    {
        // Jupyter stores a cell's text as a list of lines, each but the last ending in a newline.
        var lines = cell.Text.Split('\n');
        var source = new JsonArray([.. lines.Select((line, index) => (JsonNode)JsonValue.Create(index < lines.Length - 1 ? line + "\n" : line))]);
        if (!cell.IsCode)
        {
            return new JsonObject { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = source };
        }

        return new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = new JsonObject
            {
                ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
                ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
            },
            ["outputs"] = new JsonArray(),
            ["source"] = source,
        };
    }
}
