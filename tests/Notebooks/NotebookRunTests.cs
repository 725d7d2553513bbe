using System.Text.Json;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Notebooks;

/// <summary>
/// Runs the workbook headlessly in a stock .NET Interactive kernel (dotnet-repl, the repository's local tool), the
/// way a user's Polyglot Notebooks or Jupyter kernel runs it. One test runs every .dib in order, because 04 and 05
/// load the checkpoint 03 saves. The .ipynb files are generated from the .dib files and checked byte for byte by
/// <see cref="DibNotebookTests"/>, so one .ipynb run end to end proves that format's metadata and paths work too.
/// Executed copies with their outputs land in notebooks/.executed/ (git-ignored) for people to open.
/// </summary>
[Collection(StockKernelCollection.Name)]
public sealed class NotebookRunTests
{
    private static readonly string NotebookFolder = Path.Combine(RepositoryPaths.Root, "notebooks");
    private static readonly string ExecutedFolder = Path.Combine(NotebookFolder, ".executed");

    /// <summary>What each notebook must show besides running without an error: text its outputs contain.</summary>
    private static readonly Dictionary<string, string[]> KeyOutputs = new()
    {
        ["01-preprocess"] = ["TrainCount = 8000", "Plotly.newPlot", "Validation = 800"],
        ["02-build"] = ["Kind = Conv, Parameters = ", "Plotly.newPlot"],
        ["03-train"] = ["epoch  20/20", "Plotly.newPlot", "Folder = out/03-train"],
        ["04-evaluate"] = ["ReconstructionMetrics { Samples = 2000", "PcaMse = ", "CodesAccuracy = ", "Plotly.newPlot"],
        ["05-visualize"] = ["Plotly.newPlot", "Test codes, PCA view"],
        ["06-denoising"] = ["Noisy input, denoised output, clean original", "DenoisedMse = "],
        ["07-anomaly-detection"] = ["Auc = ", "F1 = ", "ROC curve (AUC = "],
        ["08-variational"] = ["VAE codes of the test images", "Plotly.newPlot"],
    };

    [Fact]
    public void Every_dib_notebook_runs_in_order_in_a_stock_kernel_without_a_cell_error_and_shows_its_key_outputs()
    {
        RequireBuiltLibrary();
        var dibs = Directory.GetFiles(NotebookFolder, "*.dib").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(KeyOutputs.Keys.Order(StringComparer.Ordinal), dibs.Select(Path.GetFileNameWithoutExtension));

        foreach (var dib in dibs)
        {
            var name = Path.GetFileNameWithoutExtension(dib);
            var outputs = Run(dib, Path.Combine(ExecutedFolder, name + ".ipynb"));
            foreach (var expected in KeyOutputs[name])
            {
                Assert.True(outputs.Contains(expected, StringComparison.Ordinal), $"{name}: no output contains '{expected}'");
            }
        }

        Assert.True(File.Exists(Path.Combine(NotebookFolder, "out", "03-train", "checkpoint.json")), "03-train saved no checkpoint");
    }

    [Fact]
    public void The_first_ipynb_notebook_runs_in_a_stock_kernel_as_jupyter_users_open_it()
    {
        RequireBuiltLibrary();
        var outputs = Run(Path.Combine(NotebookFolder, "01-preprocess.ipynb"), Path.Combine(ExecutedFolder, "01-preprocess.from-ipynb.ipynb"));

        Assert.Contains("TrainCount = 8000", outputs, StringComparison.Ordinal);
        Assert.Contains("Plotly.newPlot", outputs, StringComparison.Ordinal);
    }

    /// <summary>The notebooks reference the library as built by <c>dotnet build lib -c Release</c>, as their first cell says.</summary>
    private static void RequireBuiltLibrary()
    {
        var library = Path.Combine(RepositoryPaths.Root, "lib", "bin", "Release", "net10.0", "Autoencoders.dll");
        Assert.True(File.Exists(library), $"{library} is missing: run 'dotnet build lib -c Release' (or the tests with -c Release) first");
    }

    /// <summary>Runs a notebook from the notebooks folder (relative #r paths resolve against the working directory) and returns all its outputs' text.</summary>
    private static string Run(string notebook, string executed)
    {
        Directory.CreateDirectory(ExecutedFolder);
        File.Delete(executed);

        var result = StockKernel.Run(notebook, executed, NotebookFolder, TimeSpan.FromMinutes(3));

        var name = Path.GetFileName(notebook);
        Assert.True(File.Exists(executed), $"{name}: the kernel wrote no executed notebook ({result.ExitCode}): {result.Output}{result.Errors}");
        var cells = JsonDocument.Parse(File.ReadAllText(executed)).RootElement.GetProperty("cells").EnumerateArray().ToArray();
        var errors = cells.SelectMany(cell => cell.TryGetProperty("outputs", out var outputs) ? outputs.EnumerateArray() : [])
            .Where(output => output.GetProperty("output_type").GetString() == "error")
            .Select(output => output.GetProperty("evalue").GetString())
            .ToList();
        Assert.True(errors.Count == 0, $"{name}: a cell failed: {string.Join(" | ", errors)}");
        Assert.True(result.ExitCode == 0, $"{name}: dotnet-repl exited with {result.ExitCode}: {result.Output}{result.Errors}");
        return string.Join('\n', cells.Select(cell => cell.TryGetProperty("outputs", out var outputs) ? outputs.GetRawText() : ""));
    }
}
