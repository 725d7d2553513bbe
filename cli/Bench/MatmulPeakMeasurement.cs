using static TorchSharp.torch;

namespace Autoencoders.Cli.Bench;

/// <summary>
/// The machine's matrix-multiply peak: GFLOP/s of <c>torch.mm</c> on two 2048×2048 float32 matrices
/// (2·n³ flops per product). The training measurements report their speed as a fraction of it.
/// </summary>
internal sealed class MatmulPeakMeasurement : IBenchMeasurement
{
    public const int Size = 2048;
    private const int WarmUps = 3;

    // One product takes a fraction of a second, so three per repetition steady the median at little cost.
    private const int ProductsPerRepetition = 3;

    public string Name => "matmul-peak";

    public string Description =>
        $"GFLOP/s of torch.mm on {Size}x{Size} float32 (2·n³ flops per product); {WarmUps} warm-up products, then the median of {ProductsPerRepetition} per repetition.";

    public BenchResult Run(BenchContext context)
    {
        using var generator = new Generator(BenchModels.Seed);
        using var left = rand([Size, Size], generator: generator);
        using var right = rand([Size, Size], generator: generator);
        for (var i = 0; i < WarmUps; i++)
        {
            using var warm = mm(left, right);
        }

        var seconds = new List<double>();
        for (var i = 0; i < ProductsPerRepetition * context.Repetitions; i++)
        {
            seconds.Add(BenchTiming.Seconds(() =>
            {
                using var product = mm(left, right);
            }));
        }

        var flops = 2.0 * Size * Size * Size;
        var median = BenchTiming.Median(seconds);
        var peak = flops / median / 1e9;
        context.MatmulPeakGflops = peak;
        context.Progress($"{Name}: {peak:F1} GFLOP/s (median of {seconds.Count} products on {get_num_threads()} threads)");
        List<BenchFigure> figures =
        [
            new("torch threads", get_num_threads(), "count"),
            new("products timed", seconds.Count, "count"),
            new("time per product (median)", median * 1e3, "ms"),
            new("peak (median)", peak, "GFLOP/s"),
            new("best", flops / seconds.Min() / 1e9, "GFLOP/s"),
        ];

        // Other busy processes slow libtorch's threads far more than their share of the CPU: the load belongs in the report.
        if (LoadAverage() is { } load)
        {
            figures.Add(new("load average (1 min, at this point)", load, "processes"));
        }

        return new BenchResult(Name, Description, figures, $"peak {peak:F1} GFLOP/s on {get_num_threads()} threads (the limit the training figures are compared with)");
    }

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
