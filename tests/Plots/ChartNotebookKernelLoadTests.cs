using System.Text.Json;
using Autoencoders.Tests.Notebooks;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Plots;

/// <summary>
/// Charts display in a stock .NET Interactive kernel (dotnet-repl, the repository's local tool), which ships
/// FSharp.Core 10.0.0.0 while Plotly.NET 6 asks for 10.1.0.0. Named like <see cref="NotebookKernelLoadTests"/> so the
/// helpers' filter leaves it out with that test: both use the shared NuGet cache and must not run concurrently.
/// </summary>
[Collection(StockKernelCollection.Name)]
public sealed class ChartNotebookKernelLoadTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Charts_display_as_html_in_a_stock_kernel_once_notebook_support_is_enabled()
    {
        var notebook = _folder.File("charts.dib");
        var library = Path.Combine(AppContext.BaseDirectory, "Autoencoders.dll");
        File.WriteAllText(notebook, $$"""
            #!csharp

            #r "nuget: TorchSharp-cpu, 0.107.0"
            #r "{{library}}"
            var first = Autoencoders.Plots.NotebookSupport.Enable();
            var second = Autoencoders.Plots.NotebookSupport.Enable();
            Console.WriteLine($"enabled={first},{second}");

            #!csharp

            #r "nuget: Plotly.NET, 6.0.0"
            #r "nuget: Plotly.NET.Interactive, 6.0.0"

            #!csharp

            Autoencoders.Plots.EvaluationCharts.Roc(new double[] { 0, 0, 1 }, new double[] { 0, 1, 1 }, 1.0)

            #!csharp

            Autoencoders.Native.TorchRuntime.EnsureLoaded();
            var images = TorchSharp.torch.rand(2, 1, 4, 4);
            Autoencoders.Plots.ImageCharts.Reconstructions(images, images * 0.5)
            """);

        var result = RunKernel(notebook);

        var executed = File.ReadAllText(Path.ChangeExtension(notebook, ".ipynb"));
        Assert.True(result.ExitCode == 0, $"kernel run failed ({result.ExitCode}): {result.Output}{result.Errors}{executed}");
        Assert.DoesNotContain("FileNotFoundException", executed, StringComparison.Ordinal);
        var cells = JsonDocument.Parse(executed).RootElement.GetProperty("cells").EnumerateArray().ToArray();
        Assert.Contains("enabled=True,False", Text(cells[0], "text"), StringComparison.Ordinal);
        Assert.Contains("ROC curve (AUC = 1.000)", ChartHtml(cells[2]), StringComparison.Ordinal);
        Assert.Contains("\"type\":\"heatmap\"", ChartHtml(cells[3]), StringComparison.Ordinal);
    }

    private static string ChartHtml(JsonElement cell)
    {
        var html = Text(cell, "data", "text/html");
        Assert.Contains("Plotly.newPlot", html, StringComparison.Ordinal);
        return html;
    }

    /// <summary>All of a cell's outputs' text at the given path, joined (notebook strings may be split into lines).</summary>
    private static string Text(JsonElement cell, params string[] path)
    {
        var texts = new List<string>();
        foreach (var output in cell.GetProperty("outputs").EnumerateArray())
        {
            var element = output;
            if (path.All(key => element.TryGetProperty(key, out element)))
            {
                texts.Add(element.ValueKind == JsonValueKind.Array ? string.Concat(element.EnumerateArray().Select(line => line.GetString())) : element.GetString() ?? "");
            }
        }

        return string.Join('\n', texts);
    }

    private static ProcessResult RunKernel(string notebook) =>
        StockKernel.Run(notebook, Path.ChangeExtension(notebook, ".ipynb"), RepositoryPaths.Root, TimeSpan.FromMinutes(5));
}
