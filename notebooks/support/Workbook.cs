using System.Runtime.CompilerServices;
using Autoencoders.Native;
using Autoencoders.Plots;

namespace Autoencoders.Notebooks;

/// <summary>
/// A notebook's set-up in one call: <c>Autoencoders.Notebooks.Workbook.Enable()</c> in the set-up cell loads
/// TorchSharp's natives, lets Plotly.NET run on the kernel's FSharp.Core, registers how the library's results display
/// (charts drawn offline with a PNG copy, tables, image grids, loss curves), and sends plotly.js to the page once.
/// </summary>
public static class Workbook
{
    /// <summary>
    /// Sets up the current kernel session; call it in the set-up cell, after the <c>#r</c> lines. Calling it again
    /// (re-running the set-up cell) sends plotly.js again, so the set-up cell's output always carries it.
    /// </summary>
    /// <param name="threads">libtorch threads; null for the library's default policy (TorchRuntime.EnsureLoaded).</param>
    public static void Enable(int? threads = null)
    {
        var torch = TorchRuntime.EnsureLoaded(threads);
        // Before anything below touches a Plotly.NET type: Plotly.NET asks for an FSharp.Core the kernel lacks.
        NotebookSupport.Enable();
        Session = RegisterDisplaysAndDescribe(torch);
        Session.SendToPage();
    }

    /// <summary>What the last <see cref="Enable"/> set up, or null before it ran.</summary>
    public static WorkbookSession? Session { get; private set; }

    // Not inlined, so that Plotly.NET (and with it FSharp.Core) is loaded only once NotebookSupport.Enable has run.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WorkbookSession RegisterDisplaysAndDescribe(TorchRuntimeInfo torch)
    {
        var pngRenderer = ChartPng.FindChromium();
        ChartDisplays.Register(pngCopies: pngRenderer is not null);
        ResultDisplays.Register();
        var library = typeof(TorchRuntime).Assembly.GetName().Version?.ToString(3) ?? "unknown";
        return new WorkbookSession(library, torch.TorchSharpVersion, torch.LibTorchVersion, ChartHtml.PlotlyJsVersion, pngRenderer);
    }
}
