// Loaded by each notebook's first cell (#load "support/build-if-needed.csx"), before the library exists: plain C#,
// no library call. Builds the library and this notebook support with `dotnet build notebooks/support -c Release`
// when a dll is missing or older than a source file, so "Run All" works on a fresh clone. The kernel starts in the
// notebook's folder (notebooks/), which the paths below rely on, as the notebooks' relative #r paths do.
static class NotebookBuild
{
    private const string Command = "dotnet build notebooks/support -c Release";

    // Each dll with the folder of its sources: a project's own sources and the shared build settings are what make
    // MSBuild compile it again (so its dll is newer afterwards); the library's changes alone need not recompile the
    // support, whose dll may then stay older than them.
    private static readonly (string Dll, string Sources)[] Projects =
    [
        ("lib/bin/Release/net10.0/Autoencoders.dll", "lib"),
        ("notebooks/support/bin/Release/net10.0/Autoencoders.Notebooks.dll", "notebooks/support"),
    ];

    private static readonly string[] SharedFiles = ["Directory.Build.props", "Directory.Packages.props"];

    public static void Run()
    {
        var root = System.IO.Path.GetFullPath("..");
        var why = Projects.Select(project => Stale(root, project.Dll, project.Sources)).FirstOrDefault(reason => reason is not null);
        if (why is null)
        {
            return; // up to date: nothing to say
        }

        System.Console.WriteLine($"Building the library and the notebook support ({why}): {Command} …");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (exitCode, output) = Build(root);
        if (exitCode != 0)
        {
            var firstError = output.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.Contains(": error ", System.StringComparison.Ordinal));
            Fail($"The build failed (exit code {exitCode}){(firstError is null ? "" : ": " + firstError)}. Run `{Command}` in {root} to see why, then run this cell again.");
            return;
        }

        System.Console.WriteLine($"Built in {watch.Elapsed.TotalSeconds:F0} s.");
        if (System.AppDomain.CurrentDomain.GetAssemblies().Any(assembly => assembly.GetName().Name is "Autoencoders" or "Autoencoders.Notebooks"))
        {
            System.Console.WriteLine("This kernel had loaded the old build: restart the kernel to use the new one.");
        }
    }

    // Why the dll must be built, or null when it is newer than every source.
    private static string Stale(string root, string dll, string sources)
    {
        var built = System.IO.Path.Combine(root, dll);
        if (!System.IO.File.Exists(built))
        {
            return $"{dll} not built yet";
        }

        var time = System.IO.File.GetLastWriteTimeUtc(built);
        var changed = SharedFiles.Select(name => System.IO.Path.Combine(root, name)).Where(System.IO.File.Exists)
            .Concat(Files(System.IO.Path.Combine(root, sources)))
            .FirstOrDefault(path => System.IO.File.GetLastWriteTimeUtc(path) > time);
        return changed is null ? null : $"{System.IO.Path.GetRelativePath(root, changed)} changed";
    }

    // Every file under a project folder except build outputs (bin/, obj/).
    private static IEnumerable<string> Files(string folder) =>
        !System.IO.Directory.Exists(folder) ? []
        : System.IO.Directory.EnumerateFiles(folder).Where(path => path.EndsWith(".cs", System.StringComparison.Ordinal) || path.EndsWith(".csproj", System.StringComparison.Ordinal) || path.EndsWith(".props", System.StringComparison.Ordinal))
            .Concat(System.IO.Directory.EnumerateDirectories(folder)
                .Where(child => System.IO.Path.GetFileName(child) is not ("bin" or "obj"))
                .SelectMany(Files));

    private static (int ExitCode, string Output) Build(string root)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "build", "notebooks/support/Autoencoders.Notebooks.csproj", "-c", "Release", "-nologo", "-v", "quiet" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + errors.Result);
    }

    // Fails the cell with one line and no stack trace, so "Run All" stops here.
    private static void Fail(string message)
    {
        if (Microsoft.DotNet.Interactive.KernelInvocationContext.Current is { } context)
        {
            context.Fail(context.Command, message: message);
        }
        else
        {
            throw new System.InvalidOperationException(message);
        }
    }
}

NotebookBuild.Run();
