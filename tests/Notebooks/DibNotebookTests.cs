using System.Text.Json;
using Autoencoders.Cli.Notebooks;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Notebooks;

public sealed class DibNotebookTests
{
    private static readonly string NotebookFolder = Path.Combine(RepositoryPaths.Root, "notebooks");

    [Fact]
    public void A_dib_file_splits_into_code_and_markdown_cells_without_surrounding_blank_lines()
    {
        var cells = DibNotebook.Parse("#!markdown\n\n# Title\n\n#!csharp\n\nvar x = 1;\nx\n\n");

        Assert.Equal([new NotebookCell(false, "# Title"), new NotebookCell(true, "var x = 1;\nx")], cells);
    }

    [Fact]
    public void Text_before_the_first_cell_marker_is_refused_with_its_line_number()
    {
        var error = Assert.Throws<FormatException>(() => DibNotebook.Parse("\nvar x = 1;\n#!csharp\n"));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ipynb_has_the_dotnet_csharp_kernel_lines_split_as_jupyter_stores_them_and_no_outputs()
    {
        var root = JsonDocument.Parse(DibNotebook.ToIpynb("#!markdown\n\nSome text\n\n#!csharp\n\nvar x = 1;\nx")).RootElement;

        Assert.Equal(".net-csharp", root.GetProperty("metadata").GetProperty("kernelspec").GetProperty("name").GetString());
        Assert.Equal(4, root.GetProperty("nbformat").GetInt32());
        var cells = root.GetProperty("cells").EnumerateArray().ToArray();
        Assert.Equal("markdown", cells[0].GetProperty("cell_type").GetString());
        Assert.Equal(["var x = 1;\n", "x"], cells[1].GetProperty("source").EnumerateArray().Select(line => line.GetString()));
        Assert.Equal("csharp", cells[1].GetProperty("metadata").GetProperty("polyglot_notebook").GetProperty("kernelName").GetString());
        Assert.Empty(cells[1].GetProperty("outputs").EnumerateArray());
    }

    [Fact]
    public void Every_committed_ipynb_is_exactly_what_notebooks_sync_makes_from_its_dib()
    {
        var dibs = Directory.GetFiles(NotebookFolder, "*.dib");
        Assert.NotEmpty(dibs);
        foreach (var dib in dibs)
        {
            var ipynb = Path.ChangeExtension(dib, ".ipynb");
            Assert.True(File.Exists(ipynb), $"{ipynb} is missing: run 'dotnet run --project cli -c Release -- notebooks sync'");
            Assert.True(DibNotebook.ToIpynb(File.ReadAllText(dib)) == File.ReadAllText(ipynb),
                $"{ipynb} differs from its .dib: run 'dotnet run --project cli -c Release -- notebooks sync'");
        }

        Assert.Equal(dibs.Length, Directory.GetFiles(NotebookFolder, "*.ipynb").Length);
    }

    [Fact]
    public void Every_notebook_starts_with_the_build_cell_then_the_set_up_cell_both_marked_notebook_only_and_keeps_its_usings_in_an_unmarked_cell()
    {
        foreach (var dib in Directory.GetFiles(NotebookFolder, "*.dib"))
        {
            var code = DibNotebook.Parse(File.ReadAllText(dib)).Where(cell => cell.IsCode).Select(cell => cell.Text).ToList();
            var name = Path.GetFileName(dib);
            Assert.True(code.Count > 3, $"{name} has {code.Count} code cells");
            Assert.StartsWith(NotebookOnly, code[0], StringComparison.Ordinal);
            Assert.EndsWith("\n" + WorkbookRuns.BuildCellSource, code[0], StringComparison.Ordinal);
            Assert.StartsWith(NotebookOnly, code[1], StringComparison.Ordinal);
            Assert.Contains("\n#r \"support/bin/Release/net10.0/Autoencoders.Notebooks.dll\"\n", code[1], StringComparison.Ordinal);
            Assert.EndsWith("\nAutoencoders.Notebooks.Workbook.Enable();", code[1], StringComparison.Ordinal);
            Assert.DoesNotContain("Plotly.NET.Interactive", File.ReadAllText(dib), StringComparison.Ordinal); // its CDN formatter would draw nothing offline
            foreach (var marked in code.Where(cell => cell.StartsWith(NotebookOnly, StringComparison.Ordinal)))
            {
                // A file-based app made from the notebook leaves marked cells out, and it needs the usings.
                Assert.DoesNotContain(marked.Split('\n'), line => line.StartsWith("using ", StringComparison.Ordinal));
            }
        }
    }

    private const string NotebookOnly = "// notebook-only";

    [Fact]
    public void Notebooks_sync_writes_missing_ipynb_files_and_check_fails_until_they_are_in_sync()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "a.dib"), "#!csharp\n\n1 + 1\n");

        var (checkCode, _, checkErrors) = CliTests.Run("notebooks", "sync", "--folder", folder.Path, "--check");
        Assert.Equal(2, checkCode);
        Assert.Contains("a.ipynb", checkErrors, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder.Path, "a.ipynb")));

        var (syncCode, _, _) = CliTests.Run("notebooks", "sync", "--folder", folder.Path);
        Assert.Equal(0, syncCode);
        Assert.Equal(0, CliTests.Run("notebooks", "sync", "--folder", folder.Path, "--check").Code);
    }
}
