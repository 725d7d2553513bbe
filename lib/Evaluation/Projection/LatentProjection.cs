using static TorchSharp.torch;

namespace Autoencoders.Evaluation;

/// <summary>Two-dimensional views of codes (or any points) for scatter plots.</summary>
public static class LatentProjection
{
    /// <summary>
    /// The first two principal components of <paramref name="codes"/> <c>(n, d)</c>, d ≥ 2: <c>(n, 2)</c>, float32.
    /// The axes are fitted on the same points (centred at their mean).
    /// </summary>
    public static Tensor Pca2D(Tensor codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        using var pca = Pca.Fit(codes, 2);
        return pca.Transform(codes);
    }

    /// <summary>The t-SNE embedding of <paramref name="codes"/>: <c>(n, d) -> (n, 2)</c>, float32; see <see cref="Tsne"/>.</summary>
    public static Tensor Tsne2D(Tensor codes, TsneOptions? options = null) => Tsne.Embed(codes, options);
}
