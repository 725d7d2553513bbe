using System.Diagnostics;
using Autoencoders.Data;
using Autoencoders.Data.Idx;

namespace Autoencoders.Cli.Bench;

/// <summary>
/// Loading a data set's IDX images into tensors against only decompressing the same files, in the same run:
/// the ratio shows what the reader adds on top of gzip (issue 3's target: at most 1.5x).
/// </summary>
internal sealed class IdxLoadMeasurement : IBenchMeasurement
{
    public const double TargetRatio = 1.5;

    public string Name => "idx-load-vs-gunzip";

    public string Description => "Load the IDX images into float32 tensors vs. only decompress the same files (median of the repetitions).";

    public BenchResult Run(BenchContext context)
    {
        var files = Datasets.FindImageFiles(context.Dataset);
        foreach (var file in files)
        {
            context.Progress($"{Name}: {file.Name}");
        }


        // A first round of each warms the file cache and the JIT. It is reported apart: the first load also pays for
        // the first touch of its output memory, which later rounds find ready after the garbage collection.
        (long Images, long Bytes) counts = default;
        var firstLoad = Time(() => counts = Load(files));
        var firstDecompress = Time(() => Decompress(files));
        var loadTimes = new List<double>();
        var decompressTimes = new List<double>();
        for (var repetition = 0; repetition < context.Repetitions; repetition++)
        {
            // Alternating the two keeps slow drifts of the machine from favouring either.
            loadTimes.Add(Time(() => Load(files)));
            decompressTimes.Add(Time(() => Decompress(files)));
            context.Progress($"{Name}: repetition {repetition + 1}: load {loadTimes[^1]:F1} ms, decompress {decompressTimes[^1]:F1} ms");
        }

        var load = Median(loadTimes);
        var decompress = Median(decompressTimes);
        var ratio = load / decompress;
        var verdict = ratio <= TargetRatio
            ? $"ratio {ratio:F2}x meets the target of at most {TargetRatio:F1}x"
            : $"ratio {ratio:F2}x misses the target of at most {TargetRatio:F1}x";
        return new BenchResult(Name, Description,
        [
            new("images", counts.Images, "count"),
            new("decompressed", counts.Bytes / 1e6, "MB"),
            new("first load (cold)", firstLoad, "ms"),
            new("first decompress (cold)", firstDecompress, "ms"),
            new("repetitions", context.Repetitions, "count"),
            new("load median", load, "ms"),
            new("decompress median", decompress, "ms"),
            new("ratio load / decompress", ratio, "x"),
            new("target ratio", TargetRatio, "x"),
        ], verdict);
    }

    private static (long Images, long Bytes) Load(IReadOnlyList<IdxSource> files)
    {
        long images = 0, bytes = 0;
        foreach (var file in files)
        {
            using var tensor = IdxReader.ReadImages(file);
            images += tensor.shape[0];
            bytes += tensor.numel() + 16;
        }

        return (images, bytes);
    }

    private static void Decompress(IReadOnlyList<IdxSource> files)
    {
        var buffer = new byte[1 << 20];
        foreach (var file in files)
        {
            using var stream = file.OpenDecompressed();
            while (stream.Read(buffer) > 0)
            {
            }
        }
    }

    private static double Time(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
