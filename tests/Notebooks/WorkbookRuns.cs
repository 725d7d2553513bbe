using System.Text.Json;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Notebooks;

/// <summary>
/// One notebook's headless run: which kernel ran it, whether it finished, its cells' errors and outputs (as raw JSON
/// text, and each display's data as MIME type → text).
/// </summary>
public sealed record NotebookRun(string Notebook, string Runner, int ExitCode, string ProcessOutput, IReadOnlyList<string> CellErrors, string Outputs, IReadOnlyList<IReadOnlyDictionary<string, string>> Displays)
{
    /// <summary>Why this run failed, or null when every cell ran without an error.</summary>
    public string? Failure =>
        CellErrors.Count > 0 ? $"{Notebook} ({Runner}): a cell failed: {string.Join(" | ", CellErrors)}"
        : ExitCode != 0 ? $"{Notebook} ({Runner}) exited with {ExitCode}: {Tail(ProcessOutput)}"
        : null;

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];
}

/// <summary>
/// Runs the whole workbook once for the tests that read it: every .dib in dotnet-repl and every .ipynb in Jupyter's
/// stock .NET kernel (dotnet-repl too where Jupyter is missing and .ci/run did not require it), each format in order
/// (04 and 05 load the checkpoint 03 saves), except that the .dib run opens 05 before 03 (it must train its own). The two formats run side by side to halve the wall time, each kernel on
/// one libtorch thread (OMP_NUM_THREADS=1) because two kernels of two threads each on a 2-core machine slow each other
/// down about fivefold. The .ipynb files run in notebooks/ itself, as a user runs them; the .dib files run in a
/// temporary copy of that folder (with lib/ and data/ linked beside it), so the two 03 runs never write the same checkpoint.
/// Executed copies with outputs land in notebooks/.executed/ipynb and notebooks/.executed/dib (git-ignored).
/// Before both, the notebooks' build cell runs once in notebooks/ itself, so that neither run needs to build (which
/// the two could not do at once) and so that a test can see it find the tests' build up to date.
/// Each notebook's file-based app runs in a third task beside them (<see cref="AppRuns"/>), also on one thread: the
/// apps spend most of their time compiling, which overlaps with the kernels' own start-up and training.
/// </summary>
public sealed class WorkbookRuns
{
    private static readonly TimeSpan NotebookTimeout = TimeSpan.FromMinutes(5);
    private static readonly Dictionary<string, string> OneTorchThread = new() { ["OMP_NUM_THREADS"] = "1" };

    public WorkbookRuns()
    {
        var missing = new[] { LibraryDll, SupportDll }.FirstOrDefault(dll => !File.Exists(dll));
        LibraryMissing = missing is null ? null : $"{missing} is missing: build the tests with -c Release ('dotnet build tests -c Release') first";
        if (LibraryMissing is not null)
        {
            return;
        }

        StockKernel.RestoreLocalTools();
        FreshFolder(ExecutedFolder);
        BuildCell = RunBuildCell();
        IpynbRunner = JupyterKernel.IsInstalled ? "jupyter" : "dotnet-repl";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ipynb = Timed(RunIpynbNotebooks, clock);
        var dib = Timed(RunDibNotebooksInACopy, clock);
        var apps = Timed(() => AppRuns.RunAll(OneTorchThread), clock);
        Task.WaitAll(ipynb, dib, apps);
        Timings = $"the .ipynb runs took {ipynb.Result.Elapsed.TotalSeconds:F0} s, the .dib runs {dib.Result.Elapsed.TotalSeconds:F0} s, the apps {apps.Result.Elapsed.TotalSeconds:F0} s, side by side";
        Ipynb = ipynb.Result.Result;
        (Dib, StandaloneTrainedACheckpoint) = dib.Result.Result;
        Apps = apps.Result.Result;
    }

    /// <summary>The notebook the .dib run opens before 03, to check that it trains the checkpoint it needs itself.</summary>
    public const string StandaloneNotebook = "05-visualize";

    public static string NotebookFolder { get; } = Path.Combine(RepositoryPaths.Root, "notebooks");

    public static string ExecutedFolder { get; } = Path.Combine(NotebookFolder, ".executed");

    public static string LibraryDll { get; } = Path.Combine(RepositoryPaths.Root, "lib", "bin", "Release", "net10.0", "Autoencoders.dll");

    public static string SupportDll { get; } = Path.Combine(NotebookFolder, "support", "bin", "Release", "net10.0", "Autoencoders.Notebooks.dll");

    /// <summary>The notebooks' first cell, the one that builds the library when needed.</summary>
    public const string BuildCellSource = "#load \"support/build-if-needed.csx\"";

    /// <summary>The run of a notebook holding only <see cref="BuildCellSource"/>, in notebooks/, before the workbook runs.</summary>
    public NotebookRun? BuildCell { get; }

    /// <summary>Why the notebooks could not run at all, or null.</summary>
    public string? LibraryMissing { get; }

    /// <summary>"jupyter" or "dotnet-repl": what ran the .ipynb files.</summary>
    public string IpynbRunner { get; } = "";

    public IReadOnlyDictionary<string, NotebookRun> Ipynb { get; } = new Dictionary<string, NotebookRun>();

    public IReadOnlyDictionary<string, NotebookRun> Dib { get; } = new Dictionary<string, NotebookRun>();

    /// <summary>How long each of the three side-by-side runs took (shown in the app tests' output).</summary>
    public string Timings { get; } = "";

    /// <summary>Each notebook's file-based app, run with <c>dotnet run</c> from a scratch folder (see <see cref="AppRuns"/>).</summary>
    public IReadOnlyDictionary<string, AppRun> Apps { get; } = new Dictionary<string, AppRun>();

    /// <summary>True when <see cref="StandaloneNotebook"/> (.dib) found no checkpoint and left one behind.</summary>
    public bool StandaloneTrainedACheckpoint { get; }

    public static IReadOnlyList<string> Names(string extension) =>
        [.. Directory.GetFiles(NotebookFolder, "*" + extension).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!];

    private Dictionary<string, NotebookRun> RunIpynbNotebooks()
    {
        var executed = Directory.CreateDirectory(Path.Combine(ExecutedFolder, "ipynb")).FullName;
        using var jupyterPath = new TempFolder();
        if (IpynbRunner == "jupyter")
        {
            JupyterKernel.InstallKernelSpecs(jupyterPath.Path);
        }

        var runs = new Dictionary<string, NotebookRun>();
        foreach (var name in Names(".ipynb"))
        {
            var notebook = Path.Combine(NotebookFolder, name + ".ipynb");
            var output = Path.Combine(executed, name + ".ipynb");
            var result = IpynbRunner == "jupyter"
                ? JupyterKernel.Run(notebook, executed, jupyterPath.Path, NotebookTimeout, OneTorchThread)
                : StockKernel.Run(notebook, output, NotebookFolder, NotebookTimeout, OneTorchThread);
            runs[name] = Read(name + ".ipynb", IpynbRunner, result, output);
        }

        return runs;
    }

    /// <summary>
    /// Runs the .dib files in a fresh copy of the folder, 05 before 03, so that 05 meets no checkpoint and must train
    /// its own, as when a user opens it first; 04 then loads the one 03 saved.
    /// </summary>
    private static (Dictionary<string, NotebookRun> Runs, bool StandaloneTrainedACheckpoint) RunDibNotebooksInACopy()
    {
        var executed = Directory.CreateDirectory(Path.Combine(ExecutedFolder, "dib")).FullName;
        using var copy = new TempFolder();
        var notebooks = Directory.CreateDirectory(Path.Combine(copy.Path, "notebooks")).FullName;
        var checkpoint = Path.Combine(notebooks, "out", "03-train", "checkpoint", "checkpoint.json");
        var libraryLink = Path.Combine(copy.Path, "lib");
        Directory.CreateSymbolicLink(libraryLink, Path.Combine(RepositoryPaths.Root, "lib"));
        // The notebook support (its build-if-needed script and its dll) where the notebooks look for it.
        var supportLink = Path.Combine(notebooks, "support");
        Directory.CreateSymbolicLink(supportLink, Path.Combine(NotebookFolder, "support"));
        // Notebooks that read the repository's data files (09: data/nab/) find them where they are in a clone.
        var dataLink = Path.Combine(copy.Path, "data");
        Directory.CreateSymbolicLink(dataLink, Path.Combine(RepositoryPaths.Root, "data"));
        File.Copy(Path.Combine(RepositoryPaths.Root, "dotnet-tools.json"), Path.Combine(copy.Path, "dotnet-tools.json"));
        try
        {
            var runs = new Dictionary<string, NotebookRun>();
            var standaloneTrained = false;
            var order = Names(".dib").OrderBy(name => name == StandaloneNotebook ? "03" : name, StringComparer.Ordinal);
            foreach (var name in order)
            {
                var checkpointBefore = File.Exists(checkpoint);
                var dib = Path.Combine(notebooks, name + ".dib");
                File.Copy(Path.Combine(NotebookFolder, name + ".dib"), dib);
                var output = Path.Combine(executed, name + ".ipynb");
                var result = StockKernel.Run(dib, output, notebooks, NotebookTimeout, OneTorchThread);
                runs[name] = Read(name + ".dib", "dotnet-repl", result, output);
                if (name == StandaloneNotebook)
                {
                    standaloneTrained = !checkpointBefore && File.Exists(checkpoint);
                }
            }

            return (runs, standaloneTrained);
        }
        finally
        {
            File.Delete(libraryLink); // the links only, before the copy is deleted with everything in it
            File.Delete(dataLink);
            File.Delete(supportLink);
        }
    }

    /// <summary>Runs <paramref name="run"/> on the thread pool; the result comes with the time it finished.</summary>
    private static Task<(T Result, TimeSpan Elapsed)> Timed<T>(Func<T> run, System.Diagnostics.Stopwatch clock) =>
        Task.Run(() => (run(), clock.Elapsed));

    private static string FreshFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return Directory.CreateDirectory(folder).FullName;
    }

    private static NotebookRun RunBuildCell()
    {
        using var folder = new TempFolder();
        var dib = Path.Combine(folder.Path, "build-cell.dib");
        File.WriteAllText(dib, $"#!csharp\n\n{BuildCellSource}\n");
        var output = Path.Combine(folder.Path, "build-cell.ipynb");
        return Read("build-cell.dib", "dotnet-repl", StockKernel.Run(dib, output, NotebookFolder, TimeSpan.FromMinutes(5)), output);
    }

    internal static NotebookRun Read(string notebook, string runner, ProcessResult result, string executed)
    {
        var processOutput = result.Output + result.Errors;
        if (!File.Exists(executed))
        {
            return new NotebookRun(notebook, runner, result.ExitCode == 0 ? -1 : result.ExitCode, "no executed notebook was written: " + processOutput, [], "", []);
        }

        var cells = JsonDocument.Parse(File.ReadAllText(executed)).RootElement.GetProperty("cells").EnumerateArray().ToArray();
        var outputs = cells.SelectMany(cell => cell.TryGetProperty("outputs", out var cellOutputs) ? cellOutputs.EnumerateArray() : []).ToArray();
        var errors = outputs
            .Where(output => output.GetProperty("output_type").GetString() == "error")
            .Select(output => output.GetProperty("evalue").GetString() ?? "")
            .ToList();
        var displays = outputs
            .Where(output => output.TryGetProperty("data", out _))
            .Select(output => (IReadOnlyDictionary<string, string>)output.GetProperty("data").EnumerateObject().ToDictionary(
                data => data.Name, data => data.Value.ValueKind == JsonValueKind.Array ? string.Concat(data.Value.EnumerateArray().Select(line => line.GetString())) : data.Value.GetString() ?? ""))
            .ToList();
        return new NotebookRun(notebook, runner, result.ExitCode, processOutput, errors, string.Join('\n', outputs.Select(output => output.GetRawText())), displays);
    }
}
