using System.Globalization;

namespace Autoencoders.Native;

/// <summary>How many threads libtorch computes with, and why that many.</summary>
/// <param name="Count">The thread count, pinned for the rest of the process unless changed with <see cref="TorchRuntime.UseThreads"/>.</param>
/// <param name="Reason">Where the count came from, e.g. "--threads 1" or "2 cores, 1 busy with other programs".</param>
public sealed record ThreadChoice(int Count, string Reason)
{
    /// <summary>
    /// The most threads this library computes with: 4 per core. libtorch starts every thread it is told to, and more
    /// threads than cores only wait for each other (1,000 made an epoch 220 times slower on 2 cores; 100,000 started
    /// 8,237 threads in 30 s and drove the machine's load above 1,000).
    /// </summary>
    public static int Maximum => 4 * Environment.ProcessorCount;

    /// <summary>What a program prints about it, e.g. "libtorch threads: 2 (2 cores, none busy with other programs)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"libtorch threads: {Count} ({Reason})");
}

/// <summary>
/// The default thread policy: one thread per core that no other program keeps busy. libtorch's threads wait for
/// each other at every operation, so a thread that shares its core with a busy program slows all of them several
/// times over, while a quiet core lost costs only its share (measured: docs/bench.md, "contention").
/// </summary>
internal static class ThreadPolicy
{
    /// <summary>How long each of the two windows lasts in which other programs' load is sampled before libtorch's threads are chosen.</summary>
    public static readonly TimeSpan SampleTime = TimeSpan.FromMilliseconds(100);

    /// <summary>The thread count for <paramref name="cores"/> usable cores of which <paramref name="otherBusyCores"/> are busy elsewhere.</summary>
    public static ThreadChoice Automatic(int cores, double? otherBusyCores)
    {
        if (otherBusyCores is not { } busy)
        {
            return new ThreadChoice(cores, Cores(cores) + ", other programs' load unknown on this OS");
        }

        // A core counts as taken when other programs use at least half of one: sharing it costs more than leaving it.
        var taken = Math.Min((int)Math.Floor(busy + 0.5), cores - 1);
        var reason = taken == 0
            ? $"{Cores(cores)}, none busy with other programs"
            : string.Create(CultureInfo.InvariantCulture, $"{Cores(cores)}, {busy:0.0} busy with other programs");
        return new ThreadChoice(Math.Max(1, cores - taken), reason);
    }

    /// <summary>A count the user asked for: <paramref name="source"/> names where, e.g. "--threads" or "OMP_NUM_THREADS".</summary>
    public static ThreadChoice Requested(int count, string source)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"{source} must be at least 1 (got {count}).");
        }

        if (count > ThreadChoice.Maximum)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, string.Create(CultureInfo.InvariantCulture,
                $"{source} {count} threads is more than {ThreadChoice.Maximum} (4 per core of this machine's {Environment.ProcessorCount}): more threads than cores only wait for each other."));
        }

        return new ThreadChoice(count, string.Create(CultureInfo.InvariantCulture, $"{source} {count}"));
    }

    /// <summary>OMP_NUM_THREADS as a positive whole number, or null when unset or not one.</summary>
    public static int? FromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("OMP_NUM_THREADS"), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : null;

    private static string Cores(int cores) => cores == 1 ? "1 core" : string.Create(CultureInfo.InvariantCulture, $"{cores} cores");
}
