using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Data.Preprocessing;

/// <summary>Corrupts inputs for denoising autoencoders; the trainer's input noise is this too.</summary>
public static class GaussianNoise
{
    /// <summary>
    /// <c>clip(x + factor * N(0, 1), 0, 1)</c>, elementwise, as in the Keras blog's denoising autoencoder. Returns a
    /// new tensor of the same shape and type; <paramref name="clean"/> is untouched.
    /// </summary>
    /// <param name="clean">Values in [0, 1].</param>
    /// <param name="factor">Standard deviation of the noise before clipping, at least 0 (e.g. 0.5).</param>
    /// <param name="seed">Same seed, same noise.</param>
    public static Tensor Add(Tensor clean, double factor, long seed)
    {
        using var generator = new Generator((ulong)seed);
        return Add(clean, factor, generator);
    }

    /// <summary>
    /// <c>x + factor * N(0, 1)</c>, clipped to [0, 1] when <paramref name="clipToUnitRange"/>, with the noise drawn
    /// from <paramref name="generator"/> (on the CPU, then moved to <paramref name="clean"/>'s device), so that a
    /// caller that draws other numbers from the same generator, like the trainer, stays reproducible.
    /// </summary>
    /// <param name="clean">Samples; untouched.</param>
    /// <param name="factor">Standard deviation of the noise before clipping, at least 0.</param>
    /// <param name="generator">Source of the noise; advanced by one draw of <paramref name="clean"/>'s shape.</param>
    /// <param name="clipToUnitRange">Clip to [0, 1], for data (and a sigmoid output) in that range.</param>
    public static Tensor Add(Tensor clean, double factor, Generator generator, bool clipToUnitRange = true)
    {
        ArgumentNullException.ThrowIfNull(clean);
        ArgumentNullException.ThrowIfNull(generator);
        if (!(factor >= 0 && double.IsFinite(factor)))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "the noise factor must be a finite number at least 0");
        }

        using var scope = NewDisposeScope();
        var noise = randn(clean.shape, dtype: clean.dtype, generator: generator).to(clean.device);
        using var scale = factor.ToScalar(); // Scalars held through the calls that use them (see AdamUpdate)
        using var low = 0.0.ToScalar();
        using var high = 1.0.ToScalar();
        var noisy = clean + noise.mul(scale);
        return (clipToUnitRange ? noisy.clamp(low, high) : noisy).MoveToOuterDisposeScope();
    }
}
