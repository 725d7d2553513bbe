using Autoencoders.Cli.Notebooks;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Notebooks;

/// <summary>
/// "Run All" on a fresh clone: in a copy of the sources with nothing built, a notebook's own set-up cells build the
/// library and the notebook support, load them and run; a build that fails stops the first cell with one line naming
/// the command to run. The copy holds what a clone holds for these builds (sources, data the library embeds, the
/// shared build settings), never a bin/ or obj/ folder.
/// </summary>
[Collection(StockKernelCollection.Name)]
public sealed class FreshCloneRunAllTests
{
    private static readonly string[] SourceFolders = ["lib", Path.Combine("notebooks", "support"), Path.Combine("data", "digits")];
    private static readonly string[] SharedFiles = ["Directory.Build.props", "Directory.Packages.props", "global.json", "dotnet-tools.json", "THIRD-PARTY-NOTICES.md"];

    [Fact]
    public void A_notebooks_set_up_cells_build_what_is_missing_and_a_failed_build_stops_the_first_cell_with_one_line()
    {
        using var clone = new TempFolder();
        CopySources(clone.Path);
        var notebooks = Path.Combine(clone.Path, "notebooks");
        var setUpCells = FirstCodeCells(Path.Combine(WorkbookRuns.NotebookFolder, "01-preprocess.dib"), count: 2);
        var brokenSource = Path.Combine(clone.Path, "lib", "Plots", "PlotText.cs");
        var original = File.ReadAllText(brokenSource);

        File.AppendAllText(brokenSource, "\nclass Broken {\n");
        var failed = RunCells(notebooks, setUpCells[..1]);
        var failure = Assert.Single(failed.CellErrors);
        Assert.DoesNotContain('\n', failure.Trim());
        Assert.Contains("dotnet build notebooks/support -c Release", failure, StringComparison.Ordinal);
        Assert.Contains("PlotText.cs", failure, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(notebooks, "support", "bin", "Release", "net10.0", "Autoencoders.Notebooks.dll")));

        File.WriteAllText(brokenSource, original);
        var run = RunCells(notebooks, [.. setUpCells, "Autoencoders.Data.Datasets.Load(\"digits\").TrainFeatures.shape[0]"]);
        Assert.True(run.CellErrors.Count == 0, $"a cell failed on the fresh copy: {string.Join(" | ", run.CellErrors)}\n{run.ProcessOutput}");
        Assert.Contains("Building the library and the notebook support", run.Outputs, StringComparison.Ordinal);
        Assert.Contains("8000", run.Outputs, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(clone.Path, "lib", "bin", "Release", "net10.0", "Autoencoders.dll")), "the library was not built");
    }

    private static void CopySources(string destination)
    {
        foreach (var folder in SourceFolders)
        {
            CopyFolder(Path.Combine(RepositoryPaths.Root, folder), Path.Combine(destination, folder));
        }

        foreach (var file in SharedFiles)
        {
            File.Copy(Path.Combine(RepositoryPaths.Root, file), Path.Combine(destination, file));
        }
    }

    private static void CopyFolder(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.GetDirectories(source).Where(folder => Path.GetFileName(folder) is not ("bin" or "obj")))
        {
            CopyFolder(folder, Path.Combine(destination, Path.GetFileName(folder)));
        }
    }

    /// <summary>The first <paramref name="count"/> C# cells of a .dib, as written.</summary>
    private static string[] FirstCodeCells(string dib, int count) =>
        [.. DibNotebook.Parse(File.ReadAllText(dib)).Where(cell => cell.IsCode).Select(cell => cell.Text).Take(count)];

    private static NotebookRun RunCells(string folder, IEnumerable<string> cells)
    {
        var dib = Path.Combine(folder, "run-all.dib");
        File.WriteAllText(dib, string.Concat(cells.Select(cell => $"#!csharp\n\n{cell}\n\n")));
        var executed = Path.Combine(folder, "run-all.ipynb");
        File.Delete(executed);
        var result = StockKernel.Run(dib, executed, folder, TimeSpan.FromMinutes(5), new Dictionary<string, string> { ["OMP_NUM_THREADS"] = "1" });
        Assert.True(File.Exists(executed), $"dotnet-repl wrote no executed notebook ({result.ExitCode}): {result.Output}{result.Errors}");
        return WorkbookRuns.Read("run-all.dib", "dotnet-repl", result, executed);
    }
}
