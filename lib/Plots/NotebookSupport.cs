using System.Reflection;
using System.Runtime.Loader;

namespace Autoencoders.Plots;

/// <summary>
/// Makes the charts display in stock .NET Interactive kernels (Polyglot Notebooks, Jupyter, dotnet-repl). Those ship
/// FSharp.Core 10.0.0.0 while Plotly.NET 6 asks for 10.1.0.0, so every chart call would fail with
/// FileNotFoundException. Call <see cref="Enable"/> once, before the first chart, in the notebook's set-up cell.
/// </summary>
/// <remarks>This type deliberately mentions no Plotly.NET or F# type, so calling it loads neither.</remarks>
public static class NotebookSupport
{
    private static int _enabled;

    /// <summary>
    /// Answers the runtime's request for FSharp.Core with the FSharp.Core the process has already loaded (the
    /// kernel's own), whatever version is asked for. Safe to call any number of times; the handler is added once.
    /// </summary>
    /// <returns>True the first time (the handler was added), false afterwards.</returns>
    public static bool Enable()
    {
        if (Interlocked.Exchange(ref _enabled, 1) == 1)
        {
            return false;
        }

        AssemblyLoadContext.Default.Resolving += ResolveLoadedFSharpCore;
        return true;
    }

    /// <summary>The FSharp.Core version loaded in this process, or null when none is loaded yet.</summary>
    public static Version? LoadedFSharpCoreVersion => FindLoaded("FSharp.Core")?.GetName().Version;

    private static Assembly? ResolveLoadedFSharpCore(AssemblyLoadContext context, AssemblyName requested) =>
        requested.Name == "FSharp.Core" ? FindLoaded("FSharp.Core") : null;

    private static Assembly? FindLoaded(string name) =>
        AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(assembly => assembly.GetName().Name == name);
}
