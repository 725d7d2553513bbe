using System.Diagnostics;
using static TorchSharp.torch;

namespace Autoencoders.Cli.Bench;

/// <summary>One timing of the matrix-multiply peak: the warm-up it took and the products timed after it.</summary>
/// <param name="FirstProductSeconds">The very first product of this timing, before any warm-up (it shows how far from the peak a cold start is).</param>
/// <param name="WarmUpProducts">Products run during the warm-up, the first one included.</param>
/// <param name="WarmUpSeconds">How long the warm-up ran.</param>
/// <param name="ProductSeconds">The timed products, in order.</param>
internal sealed record MatmulPeakSample(double FirstProductSeconds, int WarmUpProducts, double WarmUpSeconds, IReadOnlyList<double> ProductSeconds)
{
    public double MedianSeconds => BenchTiming.Median(ProductSeconds);

    public double Gflops => MatmulPeak.FlopsPerProduct / MedianSeconds / 1e9;

    public double BestGflops => MatmulPeak.FlopsPerProduct / ProductSeconds.Min() / 1e9;

    public double FirstProductGflops => MatmulPeak.FlopsPerProduct / FirstProductSeconds / 1e9;
}

/// <summary>
/// Times <c>torch.mm</c> on two 2048×2048 float32 matrices (2·n³ flops per product) after a warm-up of at least
/// <see cref="WarmUp"/>. A count of warm-up products is not enough: on a fast CPU the first few products ran 2–3×
/// slower than the settled ones (clock ramp-up, first touch of the allocator's memory), which inflated every
/// "fraction of peak" up to 2×.
/// </summary>
internal static class MatmulPeak
{
    public const int Size = 2048;
    public const double FlopsPerProduct = 2.0 * Size * Size * Size;

    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    public static MatmulPeakSample Measure(int products)
    {
        using var generator = new Generator(BenchModels.Seed);
        using var left = rand([Size, Size], generator: generator);
        using var right = rand([Size, Size], generator: generator);
        double Product() => BenchTiming.Seconds(() =>
        {
            using var product = mm(left, right);
        });

        var warmUp = Stopwatch.StartNew();
        var first = Product();
        var warmUpProducts = 1;
        while (warmUp.Elapsed < WarmUp)
        {
            Product();
            warmUpProducts++;
        }

        var warmUpSeconds = warmUp.Elapsed.TotalSeconds;
        var seconds = Enumerable.Range(0, products).Select(_ => Product()).ToList();
        return new MatmulPeakSample(first, warmUpProducts, warmUpSeconds, seconds);
    }
}
