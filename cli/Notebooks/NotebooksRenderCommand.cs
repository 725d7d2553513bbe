using Autoencoders.IO;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Notebooks;

/// <summary>
/// Writes docs/workbook/: a Markdown page per executed notebook (figures as PNG files beside it) and an index; with
/// --check only reports pages whose code no longer matches their .dib.
/// </summary>
internal sealed class NotebooksRenderCommand(IAnsiConsole console) : Command<NotebooksRenderCommand.Settings>
{
    /// <summary>Options of <c>notebooks render</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--folder <PATH>")]
        [System.ComponentModel.Description("The folder holding the .dib notebooks, the pages' source (default: notebooks).")]
        public string Folder { get; init; } = "notebooks";

        [CommandOption("--from <PATH>")]
        [System.ComponentModel.Description("The folder of executed notebooks (.ipynb with outputs) to take the outputs from (default: notebooks/.executed/ipynb, where the test run leaves them).")]
        public string From { get; init; } = Path.Combine("notebooks", ".executed", "ipynb");

        [CommandOption("--out <PATH>")]
        [System.ComponentModel.Description("The folder of the pages (default: docs/workbook).")]
        public string Out { get; init; } = Path.Combine("docs", "workbook");

        [CommandOption("--check")]
        [System.ComponentModel.Description("Change nothing; fail (exit code 2) when a notebook has no page or a page's code differs from its .dib.")]
        public bool Check { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(settings.Folder))
        {
            throw new UserInputException($"no folder '{settings.Folder}': run from the repository root or pass --folder");
        }

        if (settings.Check)
        {
            var problems = Guarded(() => WorkbookPages.Problems(settings.Folder, settings.Out), settings.Folder);
            if (problems.Count > 0)
            {
                throw new UserInputException($"stale workbook pages: {string.Join("; ", problems)}; run the notebooks, then 'notebooks render'");
            }

            console.MarkupLineInterpolated($"{settings.Out}: every page matches its notebook");
            return CliApp.Success;
        }

        if (!Directory.Exists(settings.From))
        {
            throw new UserInputException($"no folder '{settings.From}' of executed notebooks: run them first (dotnet test -c Release --filter FullyQualifiedName~NotebookRunTests) or pass --from");
        }

        // Every page is rendered before any is written, so a failure leaves the folder as it was.
        var notebooks = new List<(string Name, IReadOnlyList<NotebookCell> Cells)>();
        var pages = new List<(string Name, RenderedPage Page)>();
        foreach (var name in WorkbookPages.NotebookNames(settings.Folder))
        {
            var dib = Path.Combine(settings.Folder, name + ".dib");
            var executed = Path.Combine(settings.From, name + ".ipynb");
            if (!File.Exists(executed))
            {
                throw new UserInputException($"{dib} has no executed notebook {executed}: run the notebooks first or pass --from");
            }

            var cells = Guarded(() => DibNotebook.Parse(File.ReadAllText(dib)), dib);
            var codeCells = Guarded(() => ExecutedNotebook.ReadCodeCells(File.ReadAllText(executed)), executed);
            notebooks.Add((name, cells));
            pages.Add((name, Guarded(() => WorkbookPage.Render(name, cells, codeCells, settings.Folder, settings.Out), executed)));
        }

        foreach (var (name, page) in pages)
        {
            WriteIfChanged(Path.Combine(settings.Out, name + ".md"), page.Markdown);
            foreach (var figure in page.Figures)
            {
                WriteIfChanged(Path.Combine(settings.Out, figure.RelativePath), figure.Png);
            }

            RemoveOldFigures(Path.Combine(settings.Out, name), page.Figures.Select(figure => Path.GetFileName(figure.RelativePath)).ToHashSet());
            console.MarkupLineInterpolated($"{Path.Combine(settings.Out, name + ".md")} written ({page.Figures.Count} figure files)");
        }

        WriteIfChanged(Path.Combine(settings.Out, WorkbookPages.IndexFile), WorkbookPages.Index(notebooks));
        console.MarkupLineInterpolated($"{Path.Combine(settings.Out, WorkbookPages.IndexFile)} lists {pages.Count} notebooks");
        return CliApp.Success;
    }

    private static T Guarded<T>(Func<T> read, string file)
    {
        try
        {
            return read();
        }
        catch (FormatException error)
        {
            throw new UserInputException($"{file}: {error.Message}");
        }
    }

    // Unchanged files are left alone, so that rendering again does not touch what did not change.
    private static void WriteIfChanged(string path, string text)
    {
        if (!File.Exists(path) || File.ReadAllText(path) != text)
        {
            AtomicFile.WriteAllText(path, text);
        }
    }

    private static void WriteIfChanged(string path, byte[] bytes)
    {
        if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            AtomicFile.WriteAllBytes(path, bytes);
        }
    }

    // Figures a page no longer shows are removed: only the renderer's own figure-N.png files, nothing else in the folder.
    private static void RemoveOldFigures(string folder, HashSet<string> kept)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var old in Directory.GetFiles(folder, "figure-*.png").Where(file => !kept.Contains(Path.GetFileName(file))))
        {
            File.Delete(old);
        }

        if (!Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
        }
    }
}
