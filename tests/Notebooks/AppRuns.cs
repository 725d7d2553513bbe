using System.Diagnostics;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Notebooks;

/// <summary>One notebook's file-based app run: its exit code, what it printed, and the chart files it named.</summary>
/// <param name="Notebook">The notebook's name, e.g. 03-train.</param>
/// <param name="ExitCode">The exit code of <c>dotnet run</c> (-1 when it timed out).</param>
/// <param name="Outputs">What the app printed, followed by the body of each chart page it saved (plotly.js left out).</param>
/// <param name="ChartFiles">The chart files the app printed (relative to the folder it ran in).</param>
/// <param name="MissingChartFiles">Printed chart files that did not exist after the run.</param>
/// <param name="Duration">How long <c>dotnet run</c> took, build included.</param>
public sealed record AppRun(string Notebook, int ExitCode, string Outputs, IReadOnlyList<string> ChartFiles, IReadOnlyList<string> MissingChartFiles, TimeSpan Duration)
{
    /// <summary>Why this run failed, or null.</summary>
    public string? Failure =>
        ExitCode != 0 ? $"{Notebook} app exited with {ExitCode}: {(Outputs.Length <= 4000 ? Outputs : "…" + Outputs[^4000..])}"
        : MissingChartFiles.Count > 0 ? $"{Notebook} app printed chart files that do not exist: {string.Join(", ", MissingChartFiles)}"
        : null;
}

/// <summary>
/// Runs every notebook's app (notebooks/apps/NN-name.cs) with <c>dotnet run</c>, as a user does, in order (04 and 05
/// load the checkpoint 03 saves) and all in one scratch folder outside the repository, so that each finds the data
/// through RepositoryFiles from the app's own folder and writes its out/ folder there, never into the clone.
/// </summary>
internal static class AppRuns
{
    private const string ChartLine = "chart: ";
    private static readonly TimeSpan AppTimeout = TimeSpan.FromMinutes(5);

    public static Dictionary<string, AppRun> RunAll(IReadOnlyDictionary<string, string> environment)
    {
        using var scratch = new TempFolder();
        var runs = new Dictionary<string, AppRun>();
        foreach (var name in WorkbookRuns.Names(".dib"))
        {
            var app = Path.Combine(WorkbookRuns.NotebookFolder, "apps", name + ".cs");
            var build = Path.Combine(scratch.Path, "build", name);
            var clock = Stopwatch.StartNew();
            ProcessResult result;
            try
            {
                // Release: the apps reuse the library the test run built (Debug, a user's default, would build it again,
                // about a minute on 2 cores); the app's own code compiles the same either way. Each app's build output
                // (about 0.5 GB, libtorch included) goes to the scratch folder and is deleted after its run, rather than
                // piling up in the SDK's cache of file-based apps (~/.local/share/dotnet/runfile).
                result = ProcessRunner.Run("dotnet", ["run", "-c", "Release", "--artifacts-path", build, app], scratch.Path, AppTimeout, environment);
            }
            catch (TimeoutException error)
            {
                result = new ProcessResult(-1, "", error.Message);
            }
            finally
            {
                if (Directory.Exists(build))
                {
                    Directory.Delete(build, recursive: true);
                }
            }

            runs[name] = Read(name, result, scratch.Path, clock.Elapsed);
        }

        return runs;
    }

    private static AppRun Read(string name, ProcessResult result, string folder, TimeSpan duration)
    {
        var charts = result.Output.Split('\n')
            .Where(line => line.StartsWith(ChartLine, StringComparison.Ordinal))
            .Select(line => line[ChartLine.Length..].Trim())
            .ToList();
        var missing = charts.Where(chart => !File.Exists(Path.Combine(folder, chart))).ToList();
        var pages = charts
            .Where(chart => chart.EndsWith(".html", StringComparison.Ordinal) && !missing.Contains(chart))
            .Select(chart => Body(File.ReadAllText(Path.Combine(folder, chart))));
        var outputs = string.Join('\n', [result.Output, result.Errors, .. pages]);
        return new AppRun(name, result.ExitCode, outputs, charts, missing, duration);
    }

    // A chart page's head holds the plotly.js bundle, whose own strings must not pass for the chart's text.
    private static string Body(string html) =>
        html.IndexOf("</head>", StringComparison.Ordinal) is var end and >= 0 ? html[end..] : html;
}
