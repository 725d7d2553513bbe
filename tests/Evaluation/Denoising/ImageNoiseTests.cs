using Autoencoders.Evaluation.Denoising;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Evaluation.Denoising;

public class ImageNoiseTests
{
    // 200,000 pixels: a share p is estimated to within sqrt(p(1-p)/n) ≤ 0.0011, so 0.006 is over 5 standard errors.
    private const double ShareTolerance = 0.006;

    [Theory]
    [InlineData(NoiseKind.Gaussian, 0.5)]
    [InlineData(NoiseKind.SaltAndPepper, 0.2)]
    [InlineData(NoiseKind.Masking, 0.3)]
    public void The_same_seed_gives_the_same_noise_and_another_seed_other_noise_and_the_input_is_untouched(NoiseKind kind, double level)
    {
        using var scope = NewDisposeScope();
        var clean = full(20, 1, 16, 16, 0.5f);

        var first = new ImageNoise(kind, level, Seed: 3).Apply(clean);
        var again = new ImageNoise(kind, level, Seed: 3).Apply(clean);
        var other = new ImageNoise(kind, level, Seed: 4).Apply(clean);

        Assert.True(first.eq(again).all().item<bool>());
        Assert.False(first.eq(other).all().item<bool>());
        Assert.True(clean.eq(0.5f).all().item<bool>());
        Assert.Equal(clean.shape, first.shape);
        Assert.Equal(ScalarType.Float32, first.dtype);
    }

    [Fact]
    public void Gaussian_noise_has_the_factor_as_standard_deviation_and_mean_zero_before_clipping_matters()
    {
        using var scope = NewDisposeScope();
        var clean = full(200_000, 0.5f).view(-1, 1, 20, 20);

        // Factor 0.05: clipping at 0.5 ± 10σ never happens, so the noise is N(0, 0.05²) itself.
        var noise = (new ImageNoise(NoiseKind.Gaussian, 0.05, Seed: 1).Apply(clean) - clean).to_type(ScalarType.Float64);

        Assert.Equal(0.0, noise.mean().item<double>(), 0.0005); // standard error 0.05/sqrt(2e5) = 1.1e-4
        Assert.Equal(0.05, noise.std().item<double>(), 0.0005);
    }

    [Fact]
    public void Gaussian_noise_is_clipped_to_the_unit_range_with_the_share_the_normal_distribution_predicts()
    {
        using var scope = NewDisposeScope();
        var clean = full(200_000, 0.5f).view(-1, 1, 20, 20);

        var noisy = new ImageNoise(NoiseKind.Gaussian, 1.0, Seed: 2).Apply(clean);

        Assert.True(noisy.min().item<float>() >= 0 && noisy.max().item<float>() <= 1);
        // P(0.5 + N(0, 1) < 0) = Φ(−0.5) = 0.3085 (normal table), and the same above 1.
        Assert.Equal(0.3085, Share(noisy.eq(0f)), ShareTolerance);
        Assert.Equal(0.3085, Share(noisy.eq(1f)), ShareTolerance);
    }

    [Fact]
    public void Salt_and_pepper_sets_half_the_hit_pixels_to_0_and_half_to_1_and_leaves_the_rest()
    {
        using var scope = NewDisposeScope();
        var clean = full(200_000, 0.5f).view(-1, 1, 20, 20);

        var noisy = new ImageNoise(NoiseKind.SaltAndPepper, 0.2, Seed: 5).Apply(clean);

        Assert.Equal(0.1, Share(noisy.eq(0f)), ShareTolerance);
        Assert.Equal(0.1, Share(noisy.eq(1f)), ShareTolerance);
        Assert.Equal(1.0, Share(noisy.eq(0f) | noisy.eq(1f) | noisy.eq(0.5f)));
    }

    [Fact]
    public void Masking_sets_the_given_share_of_pixels_to_0_and_leaves_the_rest()
    {
        using var scope = NewDisposeScope();
        var clean = full(200_000, 0.7f).view(-1, 1, 20, 20);

        var noisy = new ImageNoise(NoiseKind.Masking, 0.3, Seed: 6).Apply(clean);

        Assert.Equal(0.3, Share(noisy.eq(0f)), ShareTolerance);
        Assert.Equal(1.0, Share(noisy.eq(0f) | noisy.eq(0.7f)));
    }

    [Fact]
    public void Levels_that_do_not_suit_the_kind_are_named_and_refused()
    {
        using var scope = NewDisposeScope();
        var clean = zeros(1, 1, 4, 4);

        Assert.Contains("between 0 and 1", new ImageNoise(NoiseKind.Masking, 1.5).Problem());
        Assert.Contains("at least 0", new ImageNoise(NoiseKind.Gaussian, -0.1).Problem());
        Assert.Null(new ImageNoise(NoiseKind.Gaussian, 3).Problem());
        Assert.Throws<InvalidOperationException>(() => new ImageNoise(NoiseKind.SaltAndPepper, double.NaN).Apply(clean));
        Assert.Equal(NoiseKind.SaltAndPepper, ImageNoise.Parse("Salt-and-Pepper"));
        Assert.Null(ImageNoise.Parse("speckle"));
    }

    private static double Share(Tensor flags) => flags.to_type(ScalarType.Float64).mean().item<double>();
}
