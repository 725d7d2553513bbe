using System.Diagnostics;

namespace Autoencoders.Cli.Bench;

/// <summary>
/// Another program that keeps one core busy, started and stopped by the bench: a POSIX shell spinning in a loop.
/// A shell rather than this program under a hidden verb because it starts in milliseconds, needs no path to this
/// program's executable (which differs under <c>dotnet run</c>, the app host and a test host) and does nothing else.
/// </summary>
internal sealed class BusyNeighbour : IDisposable
{
    /// <summary>Names the loop in process listings (<c>ps</c>, <c>/proc/PID/cmdline</c>), so that one left behind can be found.</summary>
    public const string Marker = "autoencoders-bench-neighbour";

    // The loop checks every few hundred thousand steps (well under a second) that the bench is still alive: a bench
    // ended outright (a second Ctrl+C, kill -9) runs no finally block, so the neighbour must stop by itself.
    private const string Script =
        ": " + Marker + "; while kill -0 $PPID 2>/dev/null; do i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done; done";

    private const string Shell = "/bin/sh";

    private readonly Process _process;
    private readonly Stopwatch _age = Stopwatch.StartNew();

    private BusyNeighbour(Process process) => _process = process;

    /// <summary>Whether a neighbour can be started here (not on Windows, which has no POSIX shell by default).</summary>
    public static bool IsSupported => !OperatingSystem.IsWindows() && File.Exists(Shell);

    public int ProcessId => _process.Id;

    /// <summary>The cores the neighbour has kept busy on average since it started (about 1 when it got a core of its own).</summary>
    public double CoresUsed
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime.TotalSeconds / Math.Max(_age.Elapsed.TotalSeconds, 1e-3);
        }
    }

    public static BusyNeighbour Start()
    {
        var start = new ProcessStartInfo(Shell, ["-c", Script]) { UseShellExecute = false };
        return new BusyNeighbour(Process.Start(start) ?? throw new InvalidOperationException($"could not start {Shell} as a busy neighbour"));
    }

    /// <summary>Stops the neighbour and waits until it is gone.</summary>
    public void Dispose()
    {
        try
        {
            _process.Kill();
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // It has already exited: nothing left to stop.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
