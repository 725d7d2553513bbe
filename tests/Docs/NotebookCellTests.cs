using System.Text;
using Autoencoders.Tests.Notebooks;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Docs;

/// <summary>
/// The C# blocks of the docs that are notebook cells run in a stock kernel, as the notebooks do. A block marked
/// <c>&lt;!-- doc-test: notebook setup --&gt;</c> is a file's set-up (a whole <c>.dib</c> text, with its <c>#!csharp</c>
/// lines, exactly as written); blocks marked <c>&lt;!-- doc-test: notebook --&gt;</c> are its cells, in file order, after the
/// set-up. Each file's cells become one <c>.dib</c>, run by dotnet-repl from a <c>notebooks/</c> folder beside the built
/// library (so the documented relative <c>#r</c> paths resolve as in the repository), one libtorch thread.
/// </summary>
[Collection(StockKernelCollection.Name)]
public sealed class NotebookCellTests
{
    private const string SetupMarker = "<!-- doc-test: notebook setup -->";
    private const string CellMarker = "<!-- doc-test: notebook -->";

    public static TheoryData<string> FilesWithCells()
    {
        var data = new TheoryData<string>();
        foreach (var file in Documented())
        {
            data.Add(file);
        }

        return data;
    }

    private static List<string> Documented() => [.. DocumentedCommands.Files().Where(file => Cells(file).Count > 0).Select(file => file.Replace('\\', '/'))];

    [Fact]
    public void Every_file_with_notebook_cells_has_its_set_up()
    {
        var files = Documented();

        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.True(Cells(file)[0].Setup, $"{file}: the notebook cells have no '{SetupMarker}' block"));
    }

    [Theory]
    [MemberData(nameof(FilesWithCells))]
    public void The_documented_notebook_cells_run_in_a_stock_kernel(string file)
    {
        var library = Path.Combine(RepositoryPaths.Root, "lib", "bin", "Release", "net10.0", "Autoencoders.dll");
        Assert.True(File.Exists(library), $"{library} is missing: run the tests with -c Release");
        using var scratch = new TempFolder();
        Directory.CreateSymbolicLink(Path.Combine(scratch.Path, "lib"), Path.Combine(RepositoryPaths.Root, "lib"));
        Directory.CreateSymbolicLink(Path.Combine(scratch.Path, "data"), Path.Combine(RepositoryPaths.Root, "data"));
        File.Copy(Path.Combine(RepositoryPaths.Root, "dotnet-tools.json"), Path.Combine(scratch.Path, "dotnet-tools.json"));   // dotnet tool run finds dotnet-repl by it
        var notebooks = Directory.CreateDirectory(Path.Combine(scratch.Path, "notebooks")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(notebooks, "data"), Path.Combine(RepositoryPaths.Root, "data"));
        var dib = Path.Combine(notebooks, "cells.dib");
        File.WriteAllText(dib, Dib(Cells(file)));
        var executed = Path.Combine(notebooks, "cells.ipynb");

        var result = StockKernel.Run(dib, executed, notebooks, TimeSpan.FromMinutes(5), new Dictionary<string, string> { ["OMP_NUM_THREADS"] = "1" });

        var run = WorkbookRuns.Read(file, "dotnet-repl", result, executed);
        Assert.True(run.Failure is null, $"{run.Failure}\n--- the notebook:\n{File.ReadAllText(dib)}");
    }

    // A set-up block is .dib text already (its own #!csharp lines); a cell gets its cell line.
    private static string Dib(IReadOnlyList<(bool Setup, string Code)> cells)
    {
        var text = new StringBuilder();
        foreach (var (setup, code) in cells)
        {
            text.Append(setup ? "" : "#!csharp\n\n").Append(code).Append("\n\n");
        }

        return text.ToString();
    }

    private static List<(bool Setup, string Code)> Cells(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, file));
        var cells = DocumentedCommands.MarkedBlocks(lines, (marker, fence) => marker.Trim() is SetupMarker or CellMarker && fence.TrimStart().StartsWith("```", StringComparison.Ordinal))
            .Select(block => (block.Marker == SetupMarker, block.Body));
        return [.. cells.OrderByDescending(cell => cell.Item1)];   // stable: set-up first, then the cells in file order
    }
}
