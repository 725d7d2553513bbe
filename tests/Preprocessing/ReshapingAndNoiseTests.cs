using Autoencoders.Data.Preprocessing;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Preprocessing;

public class ReshapingAndNoiseTests
{
    [Fact]
    public void Images_flatten_to_rows_and_back()
    {
        using var scope = NewDisposeScope();
        var images = rand(5, 1, 4, 3);

        var rows = Reshaping.Flatten(images);
        var back = Reshaping.ToImages(rows, 4, 3);

        Assert.Equal([5L, 12L], rows.shape);
        Assert.Equal([5L, 1L, 4L, 3L], back.shape);
        Assert.True(back.eq(images).all().item<bool>());
    }

    [Fact]
    public void Rows_of_the_wrong_width_are_refused_with_the_expected_shape()
    {
        using var scope = NewDisposeScope();

        var error = Assert.Throws<ArgumentException>(() => Reshaping.ToImages(rand(2, 10), 28, 28));

        Assert.Contains("(N, 784)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Noise_is_clipped_to_zero_to_one_and_leaves_the_input_untouched()
    {
        using var scope = NewDisposeScope();
        var clean = full(1000, 0.5f);

        var noisy = GaussianNoise.Add(clean, factor: 2.0, seed: 1);

        Assert.Equal(clean.shape, noisy.shape);
        Assert.True(noisy.min().item<float>() >= 0f && noisy.max().item<float>() <= 1f);
        Assert.True(noisy.eq(0).any().item<bool>() && noisy.eq(1).any().item<bool>(), "a factor of 2 must clip on both sides");
        Assert.True(clean.eq(0.5f).all().item<bool>());
    }

    [Fact]
    public void Before_clipping_the_noise_has_the_factor_as_its_standard_deviation()
    {
        using var scope = NewDisposeScope();
        // Far from the clip limits: with std 0.05 around 0.5, clipping (10 standard deviations away) never happens.
        var clean = full(20_000, 0.5f);

        var noise = GaussianNoise.Add(clean, factor: 0.05, seed: 2) - clean;

        // The sample std of 20,000 normal draws is within 0.05 * 3 / sqrt(2 * 20,000) ≈ 0.00075 of 0.05 (3 sigma).
        Assert.Equal(0.05, noise.std().item<float>(), 0.00075);
        Assert.Equal(0.0, noise.mean().item<float>(), 0.05 * 3 / Math.Sqrt(20_000));
    }

    [Fact]
    public void The_same_seed_gives_the_same_noise_and_another_seed_another()
    {
        using var scope = NewDisposeScope();
        var clean = rand(100);

        Assert.True(GaussianNoise.Add(clean, 0.3, seed: 3).eq(GaussianNoise.Add(clean, 0.3, seed: 3)).all().item<bool>());
        Assert.False(GaussianNoise.Add(clean, 0.3, seed: 3).eq(GaussianNoise.Add(clean, 0.3, seed: 4)).all().item<bool>());
    }

    [Fact]
    public void A_shared_generator_gives_the_seeded_noise_advances_for_the_next_draw_and_may_leave_values_unclipped()
    {
        using var scope = NewDisposeScope();
        var clean = full(1000, 0.5f);
        using var generator = new Generator(6);

        var first = GaussianNoise.Add(clean, 2.0, generator, clipToUnitRange: false);
        var second = GaussianNoise.Add(clean, 2.0, generator, clipToUnitRange: false);

        Assert.True(first.clamp(0.0, 1.0).eq(GaussianNoise.Add(clean, 2.0, seed: 6)).all().item<bool>());
        Assert.False(first.eq(second).all().item<bool>(), "the second draw continues the generator");
        Assert.True(first.lt(0).any().item<bool>() && first.gt(1).any().item<bool>(), "a factor of 2 leaves [0, 1] on both sides");
    }

    [Fact]
    public void Adding_noise_leaves_only_its_result_alive()
    {
        using var clean = rand(64, 784);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        using (GaussianNoise.Add(clean, 0.5, seed: 5))
        {
            Assert.Equal(before + 1, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
