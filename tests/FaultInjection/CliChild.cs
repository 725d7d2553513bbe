using System.Diagnostics;
using System.Runtime.InteropServices;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.FaultInjection;

/// <summary>The CLI as a child process, so a test can signal or kill it at a chosen moment (what a user's Ctrl+C, `kill` or a crash does).</summary>
internal sealed class CliChild : IDisposable
{
    public const int Interrupt = 2;
    public const int Terminate = 15;

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly System.Text.StringBuilder _output = new();
    private readonly System.Text.StringBuilder _errors = new();

    private CliChild(Process process) => _process = process;

    public int Pid => _process.Id;

    /// <summary>
    /// Whether this process ignores SIGINT, as a shell's background job does; a child inherits that, and a Ctrl+C then
    /// never reaches it (Linux: bit 1 of SigIgn in /proc/self/status).
    /// </summary>
    public static bool InterruptIgnored =>
        OperatingSystem.IsLinux() && File.ReadLines("/proc/self/status").FirstOrDefault(line => line.StartsWith("SigIgn:", StringComparison.Ordinal)) is { } line
        && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << (Interrupt - 1))) != 0;

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return _output.ToString();
            }
        }
    }

    public string Errors
    {
        get
        {
            lock (_lines)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Starts <c>autoencoders-cli ARGS</c> from the repository root, with <paramref name="environment"/> added.</summary>
    public static CliChild Start(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "autoencoders-cli.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A narrow console, so Spectre does not wrap the lines the tests wait for.
        start.Environment["COLUMNS"] = "200";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var child = new CliChild(process);
        process.OutputDataReceived += (_, line) => child.Add(line.Data, child._output);
        process.ErrorDataReceived += (_, line) => child.Add(line.Data, child._errors);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until a line of either stream satisfies <paramref name="match"/>; false when the process ended first or time ran out.</summary>
    public bool WaitForLine(Func<string, bool> match, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        lock (_lines)
        {
            while (!_lines.Any(match))
            {
                if (_process.HasExited || clock.Elapsed > timeout)
                {
                    return _lines.Any(match);
                }

                Monitor.Wait(_lines, 100);
            }

            return true;
        }
    }

    /// <summary>Sends a POSIX signal (SIGINT, SIGTERM) as the shell's kill would.</summary>
    public void Signal(int signal) => Assert.Equal(0, kill(_process.Id, signal));

    /// <summary>Kills the process at once (SIGKILL): no handler, no clean-up, as a crash or the OOM killer would.</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the CLI did not finish within {timeout}: {Output}\n{Errors}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Add(string? line, System.Text.StringBuilder stream)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
            stream.AppendLine(line);
            Monitor.PulseAll(_lines);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
