using static TorchSharp.torch;

namespace Autoencoders.Cli.Bench;

/// <summary>
/// The machine's matrix-multiply peak (<see cref="MatmulPeak"/>), timed just before the training passes it is
/// compared with; <see cref="TrainingThroughputMeasurement"/> times it again just after them.
/// </summary>
internal sealed class MatmulPeakMeasurement : IBenchMeasurement
{
    // One product takes a fraction of a second, so three per repetition steady the median at little cost.
    public const int ProductsPerRepetition = 3;

    public string Name => "matmul-peak";

    public string Description =>
        $"GFLOP/s of torch.mm on {MatmulPeak.Size}x{MatmulPeak.Size} float32 (2·n³ flops per product): products for at least " +
        $"{MatmulPeak.WarmUp.TotalSeconds:0} s to warm up, then the median of {ProductsPerRepetition} per repetition. Timed right before " +
        "training-throughput and again right after it (there); the training figures are compared with both.";

    public BenchResult Run(BenchContext context)
    {
        var sample = MatmulPeak.Measure(ProductsPerRepetition * context.Repetitions);
        context.PeakBefore = sample;
        var threads = get_num_threads();
        context.Progress($"{Name}: {sample.Gflops:F1} GFLOP/s (median of {sample.ProductSeconds.Count} products on {Threads(threads)}, " +
            $"after {sample.WarmUpProducts} warm-up products; the first ran at {sample.FirstProductGflops:F1})");
        List<BenchFigure> figures =
        [
            new("torch threads", threads, "count"),
            .. Figures(sample, ""),
        ];

        // Other busy processes slow libtorch's threads far more than their share of the CPU: the load belongs in the report.
        if (LoadAverage() is { } load)
        {
            figures.Add(new("load average (1 min, at this point)", load, "processes"));
        }

        return new BenchResult(Name, Description, figures,
            $"peak {sample.Gflops:F1} GFLOP/s on {Threads(threads)} (the first, cold product: {sample.FirstProductGflops:F1}); training-throughput times it again after its passes");
    }

    /// <summary>The figures of one timing; <paramref name="prefix"/> tells timings apart in one table (e.g. "after: ").</summary>
    public static IEnumerable<BenchFigure> Figures(MatmulPeakSample sample, string prefix) =>
    [
        new($"{prefix}first product (cold)", sample.FirstProductSeconds * 1e3, "ms"),
        new($"{prefix}warm-up", sample.WarmUpSeconds, "s"),
        new($"{prefix}warm-up products", sample.WarmUpProducts, "count"),
        new($"{prefix}products timed", sample.ProductSeconds.Count, "count"),
        new($"{prefix}time per product (median)", sample.MedianSeconds * 1e3, "ms"),
        new($"{prefix}peak (median)", sample.Gflops, "GFLOP/s"),
        new($"{prefix}best", sample.BestGflops, "GFLOP/s"),
    ];

    private static string Threads(int count) => count == 1 ? "1 thread" : $"{count} threads";

    private static double? LoadAverage()
    {
        const string path = "/proc/loadavg";
        if (!File.Exists(path))
        {
            return null;
        }

        var first = File.ReadAllText(path).Split(' ')[0];
        return double.TryParse(first, System.Globalization.CultureInfo.InvariantCulture, out var load) ? load : null;
    }
}
