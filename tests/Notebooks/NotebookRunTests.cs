using Autoencoders.Plots;
using Autoencoders.Tests.Support;
using Xunit.Abstractions;

namespace Autoencoders.Tests.Notebooks;

/// <summary>
/// The workbook, run headlessly in stock kernels (see <see cref="WorkbookRuns"/>): every notebook in both formats
/// runs without a cell error and shows its key outputs.
/// </summary>
[Collection(StockKernelCollection.Name)]
public sealed partial class NotebookRunTests(WorkbookRuns runs, ITestOutputHelper output) : IClassFixture<WorkbookRuns>
{
    /// <summary>What each notebook must show besides running without an error: text its outputs contain.</summary>
    private static readonly Dictionary<string, string[]> KeyOutputs = new()
    {
        ["01-preprocess"] = ["TrainCount   8000", "SampleShape  [1, 28, 28]", "Plotly.newPlot", "Validation = 800"],
        ["02-build"] = ["Kind   Parameters  Code", "Conv ", "Plotly.newPlot"],
        ["03-train"] = ["epoch  20/20", "Plotly.newPlot", "BestEpoch", "out/03-train"],
        ["04-evaluate"] = ["Samples", "Ssim", "PcaMse", "CodesAccuracy", "Plotly.newPlot"],
        ["05-visualize"] = ["Plotly.newPlot", "Test codes, PCA view", "latent-space.html", .. ChartPng.IsAvailable ? ["latent-space.png"] : Array.Empty<string>()],
        ["06-denoising"] = ["Noisy input, denoised output, clean original", "DenoisedMse"],
        ["07-anomaly-detection"] = ["ROC AUC: ", "anomalous", "Precision", "ROC curve (AUC = "],
        ["08-variational"] = ["VAE codes of the test images", "Plotly.newPlot"],
        ["09-time-series-anomalies"] = ["9505 parameters, as keras-io's model", "windows above max", "point-level precision", "labelled anomaly", "flagged steps outside", "Plotly.newPlot"],
        ["10-tabular-anomalies"] = ["RowCount", "1831", "pca-pyod", "autoencoder-mse", "recall curves, first split", "top10%", "WorstColumns", "anomaly-benchmark.html"],
    };

    /// <summary>
    /// Key outputs that an app words differently: a kernel shows an anonymous object as C# text, an app as a table.
    /// </summary>
    private static readonly Dictionary<string, string> AppWording = new(StringComparer.Ordinal)
    {
        ["Validation = 800"] = "Validation  800",
    };

    public static TheoryData<string> Notebooks => [.. KeyOutputs.Keys];

    [Fact]
    public void The_workbook_has_a_dib_and_an_ipynb_for_each_notebook_and_nothing_else()
    {
        Assert.Equal(KeyOutputs.Keys.Order(StringComparer.Ordinal), WorkbookRuns.Names(".dib"));
        Assert.Equal(KeyOutputs.Keys.Order(StringComparer.Ordinal), WorkbookRuns.Names(".ipynb"));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void The_dib_runs_in_a_stock_kernel_without_a_cell_error_and_shows_its_key_outputs(string notebook) =>
        AssertRanAndShows(runs.Dib, notebook);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void The_ipynb_runs_in_a_stock_kernel_without_a_cell_error_and_shows_its_key_outputs(string notebook) =>
        AssertRanAndShows(runs.Ipynb, notebook);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void The_app_runs_from_another_folder_shows_the_key_outputs_and_saves_every_chart_it_names(string notebook)
    {
        Assert.Null(runs.LibraryMissing);
        var run = runs.Apps[notebook];
        output.WriteLine($"{notebook} app: {run.Duration.TotalSeconds:F0} s (build included); {runs.Timings}");
        Assert.Null(run.Failure);
        Assert.NotEmpty(run.ChartFiles);
        Assert.All(run.ChartFiles, chart => Assert.StartsWith($"out/{notebook}/", chart, StringComparison.Ordinal));
        if (ChartPng.IsAvailable)
        {
            Assert.Equal(run.ChartFiles.Count(chart => chart.EndsWith(".html", StringComparison.Ordinal)), run.ChartFiles.Count(chart => chart.EndsWith(".png", StringComparison.Ordinal)));
        }

        // The charts' own text (titles, legends) is part of the outputs, read from the pages the app saved.
        foreach (var expected in KeyOutputs[notebook].Select(key => AppWording.GetValueOrDefault(key, key)))
        {
            Assert.True(run.Outputs.Contains(expected, StringComparison.Ordinal), $"{notebook} app: no output contains '{expected}'");
        }
    }

    [Fact]
    public void The_ipynb_files_run_in_jupyter_wherever_jupyter_is_installed_and_always_in_ci()
    {
        Assert.Null(runs.LibraryMissing);
        Assert.Equal(JupyterKernel.IsInstalled ? "jupyter" : "dotnet-repl", runs.IpynbRunner);
        Assert.True(
            runs.IpynbRunner == "jupyter" || !JupyterKernel.IsRequired,
            $"{JupyterKernel.RequireVariable}=1 but 'jupyter nbconvert' does not run: apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel");
    }

    [Fact]
    public void Jupyter_finds_every_ipynb_valid_against_the_nbformat_schema_before_and_after_running_it()
    {
        Assert.Null(runs.LibraryMissing);
        var jupyterRuns = runs.Ipynb.Values.Where(run => run.Runner == "jupyter").ToList();
        Assert.Equal(JupyterKernel.IsInstalled ? runs.Ipynb.Count : 0, jupyterRuns.Count);
        foreach (var run in jupyterRuns)
        {
            // nbconvert validates what it reads and what it writes, and logs "Notebook JSON is invalid" or
            // "Notebook is invalid after preprocessor ..." on a schema violation.
            Assert.DoesNotContain("is invalid", run.ProcessOutput, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Notebook_05_opened_first_trains_the_checkpoint_it_needs_itself()
    {
        Assert.Null(runs.LibraryMissing);
        Assert.Null(runs.Dib[WorkbookRuns.StandaloneNotebook].Failure);
        Assert.True(runs.StandaloneTrainedACheckpoint, $"{WorkbookRuns.StandaloneNotebook}.dib ran without a checkpoint but left none behind");
    }

    [Fact]
    public void Notebook_03_leaves_the_checkpoint_that_04_and_05_load()
    {
        Assert.Null(runs.LibraryMissing);
        Assert.True(File.Exists(Path.Combine(WorkbookRuns.NotebookFolder, "out", "03-train", "checkpoint", "checkpoint.json")), "03-train saved no checkpoint");
    }

    private void AssertRanAndShows(IReadOnlyDictionary<string, NotebookRun> format, string notebook)
    {
        Assert.Null(runs.LibraryMissing);
        var run = format[notebook];
        Assert.Null(run.Failure);
        foreach (var expected in KeyOutputs[notebook])
        {
            Assert.True(run.Outputs.Contains(expected, StringComparison.Ordinal), $"{run.Notebook} ({run.Runner}): no output contains '{expected}'");
        }
    }
}
