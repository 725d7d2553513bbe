namespace Autoencoders.Tests.Support;

/// <summary>Runs a notebook headlessly in a stock .NET Interactive kernel: dotnet-repl, the repository's local tool.</summary>
internal static class StockKernel
{
    /// <summary>
    /// Restores the local tools, then runs <paramref name="notebook"/> from <paramref name="workingDirectory"/> (where
    /// relative <c>#r</c> paths resolve) and writes the executed copy to <paramref name="executed"/>.
    /// </summary>
    public static ProcessResult Run(
        string notebook,
        string executed,
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        RestoreLocalTools();
        return ProcessRunner.Run(
            "dotnet",
            ["tool", "run", "dotnet-repl", "--", "--run", notebook, "--exit-after-run", "--output-path", executed],
            workingDirectory,
            timeout,
            environment);
    }

    private static readonly Lazy<ProcessResult> Restore =
        new(() => ProcessRunner.Run("dotnet", ["tool", "restore"], RepositoryPaths.Root, TimeSpan.FromMinutes(3)));

    /// <summary>
    /// Installs the tools dotnet-tools.json names (dotnet-repl, dotnet-interactive) if they are not in the NuGet cache
    /// yet; once per test run, not once per notebook.
    /// </summary>
    public static void RestoreLocalTools()
    {
        var restore = Restore.Value;
        Assert.True(restore.ExitCode == 0, $"dotnet tool restore failed: {restore.Output}{restore.Errors}");
    }
}
