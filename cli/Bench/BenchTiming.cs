using System.Diagnostics;

namespace Autoencoders.Cli.Bench;

/// <summary>Clock and statistics shared by the measurements.</summary>
internal static class BenchTiming
{
    /// <summary>Seconds that <paramref name="action"/> takes.</summary>
    public static double Seconds(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            throw new ArgumentException("no values to take the median of", nameof(values));
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Collects garbage twice (finalizers release native tensors in between) so that later measurements start clean.</summary>
    public static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
