using static TorchSharp.torch;

namespace Autoencoders.Data.Preprocessing;

/// <summary>Corrupts inputs for denoising autoencoders.</summary>
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
        ArgumentNullException.ThrowIfNull(clean);
        if (!(factor >= 0 && double.IsFinite(factor)))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "the noise factor must be a finite number at least 0");
        }

        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var noise = randn(clean.shape, dtype: clean.dtype, generator: generator);
        return (clean + (noise * factor)).clamp(0.0, 1.0).MoveToOuterDisposeScope();
    }
}
