using static TorchSharp.torch;

namespace Autoencoders.Evaluation;

/// <summary>
/// Structural similarity (Wang, Bovik, Sheikh &amp; Simoncelli, "Image quality assessment: from error visibility to
/// structural similarity", IEEE TIP 2004) for images <c>(n, channels, height, width)</c> with data range 1:
/// an 11×11 Gaussian window with σ = 1.5, K1 = 0.01, K2 = 0.03, C1 = (K1·L)², C2 = (K2·L)², L = 1.
/// Local statistics are taken at the 'valid' window positions only (the window lies inside the image, as the
/// reference MATLAB code's <c>filter2(..., 'valid')</c>), per channel; an image's SSIM is the mean of its map
/// over channels and positions. Computed in float64.
/// </summary>
public static class Ssim
{
    /// <summary>Side of the square Gaussian window.</summary>
    public const int WindowSize = 11;

    /// <summary>Standard deviation of the Gaussian window, in pixels.</summary>
    public const double Sigma = 1.5;

    /// <summary>Stabiliser of the luminance term, (0.01 · 1)².</summary>
    public const double C1 = 0.01 * 0.01;

    /// <summary>Stabiliser of the contrast-structure term, (0.03 · 1)².</summary>
    public const double C2 = 0.03 * 0.03;

    /// <summary>The mean SSIM of each image pair: <c>(n, c, h, w), (n, c, h, w) -> (n)</c>, float64; symmetric, 1 for identical images.</summary>
    /// <exception cref="ArgumentException">The shapes differ, are not 4-D, or an image is smaller than the window.</exception>
    public static Tensor PerImage(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (!x.shape.SequenceEqual(y.shape))
        {
            throw new ArgumentException($"image shapes differ: [{string.Join(", ", x.shape)}] and [{string.Join(", ", y.shape)}]", nameof(y));
        }

        if (!Applies(x.shape))
        {
            throw new ArgumentException(
                $"SSIM needs images (n, channels, height, width) of at least {WindowSize}×{WindowSize} pixels; got [{string.Join(", ", x.shape)}]",
                nameof(x));
        }

        using var scope = NewDisposeScope();
        var a = x.to_type(ScalarType.Float64);
        var b = y.to_type(ScalarType.Float64);
        // The Gaussian window is separable: a column pass then a row pass (11 + 11 instead of 121 products per
        // position), over all five statistics' images at once.
        var line = Window().sum([3], keepdim: true);
        var stacked = cat([a, b, a * a, b * b, a * b], 1);
        var groups = stacked.shape[1];
        var filtered = nn.functional.conv2d(
            nn.functional.conv2d(stacked, line.expand(groups, 1, WindowSize, 1), groups: groups),
            line.view(1, 1, 1, WindowSize).expand(groups, 1, 1, WindowSize),
            groups: groups);
        var parts = filtered.chunk(5, 1);
        var (muA, muB) = (parts[0], parts[1]);
        var varA = parts[2] - muA * muA;
        var varB = parts[3] - muB * muB;
        var covariance = parts[4] - muA * muB;
        var map = (2 * muA * muB + C1) * (2 * covariance + C2) / ((muA * muA + muB * muB + C1) * (varA + varB + C2));
        return map.flatten(1).mean([1]).MoveToOuterDisposeScope();
    }

    /// <summary>The mean over images of <see cref="PerImage"/>.</summary>
    public static double Mean(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        return PerImage(x, y).mean().item<double>();
    }

    /// <summary>Whether samples of this shape <c>(n, c, h, w)</c> are images SSIM can be computed for.</summary>
    public static bool Applies(IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return shape.Count == 4 && shape[2] >= WindowSize && shape[3] >= WindowSize;
    }

    /// <summary>The normalised 11×11 Gaussian window as <c>(1, 1, 11, 11)</c>, float64.</summary>
    public static Tensor Window()
    {
        using var scope = NewDisposeScope();
        var offsets = arange(WindowSize, dtype: ScalarType.Float64) - (WindowSize - 1) / 2;
        var line = (-offsets.square() / (2 * Sigma * Sigma)).exp();
        line /= line.sum();
        return line.outer(line).view(1, 1, WindowSize, WindowSize).MoveToOuterDisposeScope();
    }
}
