namespace Autoencoders.Tests.Support;

/// <summary>
/// Runs an .ipynb headlessly the way a Jupyter user's notebook server does: <c>jupyter nbconvert --execute</c> starts
/// the stock .NET (C#) kernel, Microsoft.dotnet-interactive 1.0.712001 (the repository's local tool), through the
/// kernel spec that <c>dotnet interactive jupyter install</c> writes.
/// </summary>
internal static class JupyterKernel
{
    /// <summary>Set by .ci/run: the .ipynb runs must use Jupyter, never fall back to dotnet-repl.</summary>
    public const string RequireVariable = "AUTOENCODERS_REQUIRE_JUPYTER";

    /// <summary>True when <c>jupyter nbconvert</c> runs on this machine.</summary>
    public static bool IsInstalled { get; } = Probe();

    public static bool IsRequired => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>
    /// Writes the .NET kernel specs into <paramref name="jupyterPath"/>/kernels with the kernel's own installer, so
    /// that a run with <c>JUPYTER_PATH</c> set to it finds them before any the user installed.
    /// </summary>
    public static void InstallKernelSpecs(string jupyterPath)
    {
        StockKernel.RestoreLocalTools();
        var kernels = Directory.CreateDirectory(Path.Combine(jupyterPath, "kernels")).FullName;
        var install = ProcessRunner.Run(
            "dotnet", ["tool", "run", "dotnet-interactive", "--", "jupyter", "install", "--path", kernels], RepositoryPaths.Root, TimeSpan.FromMinutes(2));
        Assert.True(
            File.Exists(Path.Combine(kernels, ".net-csharp", "kernel.json")),
            $"dotnet interactive jupyter install wrote no C# kernel spec ({install.ExitCode}): {install.Output}{install.Errors}");
    }

    /// <summary>
    /// Executes <paramref name="notebook"/> in its own folder (the kernel's working directory, where its relative
    /// paths resolve) and writes the executed copy, same file name, into <paramref name="outputFolder"/>. A failing cell
    /// does not stop the run: its error is an output of the executed copy, where the caller looks for it, and the
    /// cells after it still run, as when a user presses "Run All".
    /// </summary>
    public static ProcessResult Run(string notebook, string outputFolder, string jupyterPath, TimeSpan timeout, IReadOnlyDictionary<string, string> environment)
    {
        var variables = new Dictionary<string, string>(environment) { ["JUPYTER_PATH"] = jupyterPath };
        return ProcessRunner.Run(
            "jupyter",
            [
                "nbconvert", "--to", "notebook", "--execute", "--allow-errors", $"--ExecutePreprocessor.timeout={(int)timeout.TotalSeconds}",
                "--output-dir", outputFolder, notebook,
            ],
            Path.GetDirectoryName(notebook)!,
            timeout + TimeSpan.FromMinutes(1),
            variables);
    }

    private static bool Probe()
    {
        try
        {
            return ProcessRunner.Run("jupyter", ["nbconvert", "--version"], RepositoryPaths.Root, TimeSpan.FromMinutes(1)).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no jupyter program on PATH
        }
    }
}
