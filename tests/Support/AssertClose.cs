using System.Globalization;

namespace Autoencoders.Tests.Support;

/// <summary>
/// Comparisons of numbers that reach the same value along two computation paths (batch sizes, float32 vs float64
/// sums): the tolerance is a fraction of the expected value, so it means the same for an MSE of 0.1 as of 100.
/// </summary>
internal static class AssertClose
{
    /// <summary>Passes when |actual − expected| ≤ <paramref name="tolerance"/> · |expected| (never for NaN).</summary>
    /// <param name="expected">The reference value.</param>
    /// <param name="actual">The value along the other path.</param>
    /// <param name="tolerance">The largest relative difference that rounding explains.</param>
    /// <param name="what">What is compared, for the failure message.</param>
    public static void Relative(double expected, double actual, double tolerance, string what)
    {
        var difference = Math.Abs(actual - expected);
        Assert.True(
            difference <= tolerance * Math.Abs(expected),
            string.Create(CultureInfo.InvariantCulture,
                $"{what}: expected {expected:R}, got {actual:R}, a relative difference of {difference / Math.Abs(expected):G3} (allowed {tolerance:G3})"));
    }
}
