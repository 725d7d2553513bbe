using static TorchSharp.torch;

namespace Autoencoders.Data;

/// <summary>Small seeded data sets made on the spot, for smoke runs and tests.</summary>
public static class SyntheticData
{
    /// <summary>
    /// Samples that lie near a <paramref name="rank"/>-dimensional subspace of [0, 1]^features:
    /// <c>sigmoid(z W)</c> plus a little noise, with <c>z ~ N(0, I)</c>. An autoencoder with a code of at
    /// least <paramref name="rank"/> can reconstruct them almost exactly. Shape <c>(samples, features)</c>.
    /// </summary>
    public static Tensor LowRank(int samples, int features, int rank, long seed, double noise = 0.01)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var factors = randn([samples, rank], generator: generator);
        var basis = randn([rank, features], generator: generator) / Math.Sqrt(rank);
        var clean = (factors.matmul(basis) * 2.0).sigmoid();
        var result = (clean + (randn([samples, features], generator: generator) * noise)).clamp(0.0, 1.0);
        return result.MoveToOuterDisposeScope();
    }
}
