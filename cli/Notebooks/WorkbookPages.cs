using System.Text;
using System.Text.RegularExpressions;

namespace Autoencoders.Cli.Notebooks;

/// <summary>The folder of rendered pages as a whole: its index, and which pages no longer match their notebooks.</summary>
internal static partial class WorkbookPages
{
    /// <summary>The index page's file name in the pages' folder.</summary>
    public const string IndexFile = "README.md";

    /// <summary>The .dib notebooks of <paramref name="notebookFolder"/> by name (e.g. <c>03-train</c>), in order.</summary>
    public static IReadOnlyList<string> NotebookNames(string notebookFolder) =>
        [.. Directory.GetFiles(notebookFolder, "*.dib").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!];

    /// <summary>The index page: one line per notebook, its title linking its page.</summary>
    public static string Index(IEnumerable<(string Name, IReadOnlyList<NotebookCell> Cells)> notebooks)
    {
        ArgumentNullException.ThrowIfNull(notebooks);
        var page = new StringBuilder()
            .Append("# The workbook, rendered\n\n")
            .Append("Every notebook of [`notebooks/`](../../notebooks/) as a page with the outputs of one run, to read without running\n")
            .Append("it: the text, the code, what it printed and its figures. `dotnet run --project cli -c Release -- notebooks render`\n")
            .Append("writes these pages from the executed notebooks that the test run leaves in `notebooks/.executed/ipynb/`; a test\n")
            .Append("fails when a page's code no longer matches its notebook.\n\n");
        foreach (var (name, cells) in notebooks)
        {
            page.Append($"- [{Title(name, cells)}]({name}.md)\n");
        }

        return page.ToString();
    }

    /// <summary>A notebook's title: the first level-1 heading of its Markdown, else its name.</summary>
    public static string Title(string name, IReadOnlyList<NotebookCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var heading = cells.Where(cell => !cell.IsCode)
            .SelectMany(cell => cell.Text.Split('\n'))
            .FirstOrDefault(line => line.StartsWith("# ", StringComparison.Ordinal));
        return heading is null ? name : heading[2..].Trim();
    }

    /// <summary>
    /// What makes the pages in <paramref name="pageFolder"/> stale against the notebooks in <paramref name="notebookFolder"/>,
    /// one line each: a notebook without a page, a page whose code differs from its notebook's, a page without a
    /// notebook, a figure file missing, an index that does not list the notebooks. Outputs are not compared: they vary
    /// from run to run.
    /// </summary>
    public static IReadOnlyList<string> Problems(string notebookFolder, string pageFolder)
    {
        var problems = new List<string>();
        var names = NotebookNames(notebookFolder);
        var notebooks = new List<(string Name, IReadOnlyList<NotebookCell> Cells)>();
        foreach (var name in names)
        {
            var cells = DibNotebook.Parse(File.ReadAllText(Path.Combine(notebookFolder, name + ".dib")));
            notebooks.Add((name, cells));
            var pagePath = Path.Combine(pageFolder, name + ".md");
            if (!File.Exists(pagePath))
            {
                problems.Add($"{name}.dib has no page {pagePath}");
                continue;
            }

            var page = File.ReadAllText(pagePath);
            var expected = WorkbookPage.ExpectedCode(cells);
            var shown = WorkbookPage.CSharpBlocks(page);
            var differs = Enumerable.Range(0, Math.Max(expected.Count, shown.Count))
                .FirstOrDefault(index => index >= expected.Count || index >= shown.Count || expected[index] != shown[index], -1);
            if (differs >= 0)
            {
                problems.Add($"{pagePath}: its code block {differs + 1} differs from {name}.dib's");
            }

            problems.AddRange(FigureLinks().Matches(page)
                .Select(link => link.Groups["file"].Value)
                .Where(file => !File.Exists(Path.Combine(pageFolder, file)))
                .Select(file => $"{pagePath}: its figure {file} is missing"));
        }

        problems.AddRange(Directory.Exists(pageFolder)
            ? Directory.GetFiles(pageFolder, "*.md")
                .Where(page => Path.GetFileName(page) != IndexFile && !names.Contains(Path.GetFileNameWithoutExtension(page)))
                .Order(StringComparer.Ordinal)
                .Select(page => $"{page} has no notebook {Path.GetFileNameWithoutExtension(page)}.dib")
            : []);
        var index = Path.Combine(pageFolder, IndexFile);
        if (!File.Exists(index) || File.ReadAllText(index) != Index(notebooks))
        {
            problems.Add($"{index} does not list the notebooks as they are");
        }

        return problems;
    }

    [GeneratedRegex("!\\[[^\\]]*\\]\\((?<file>[^)\\s:]+\\.png)\\)")]
    private static partial Regex FigureLinks();
}
