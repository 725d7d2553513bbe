using System.Text.Json.Serialization;

namespace Autoencoders.Models;

/// <summary>
/// Everything needed to build a model besides the input's shape. Immutable; use <c>with</c> for variants.
/// Defaults follow the Keras blog and pytorch/examples.
/// </summary>
/// <param name="Kind">Which variant to build.</param>
/// <param name="LatentSize">Size of the code.</param>
/// <param name="HiddenSizes">Dense hidden layers of the encoder, outermost first (the decoder mirrors them);
/// null picks the kind's default (none for dense, sparse and linear; 128-64 for deep; 400 for the VAE).</param>
/// <param name="Channels">Convolution channels, outermost first, for the conv, denoising and sequence kinds; null picks 32-16.</param>
/// <param name="SparsityWeight">Weight of the sparse model's L1 activity penalty, weight · Σ|code| per sample (Keras blog: l1(10e-5), i.e. 1e-4).</param>
/// <param name="Beta">Weight of the KL term of the VAE (1 is the original VAE; larger gives a β-VAE).</param>
/// <param name="Output">The output activation: sigmoid for data scaled to [0, 1], identity otherwise.</param>
public sealed record ModelOptions(
    ModelKind Kind = ModelKind.Dense,
    int LatentSize = 32,
    IReadOnlyList<int>? HiddenSizes = null,
    IReadOnlyList<int>? Channels = null,
    double SparsityWeight = 1e-4,
    double Beta = 1.0,
    OutputActivation Output = OutputActivation.Sigmoid)
{
    /// <summary>The hidden sizes actually used.</summary>
    [JsonIgnore]
    public IReadOnlyList<int> EffectiveHiddenSizes => HiddenSizes ?? Kind switch
    {
        ModelKind.Deep => [128, 64],
        ModelKind.Vae => [400],
        _ => [],
    };

    /// <summary>The convolution channels actually used.</summary>
    [JsonIgnore]
    public IReadOnlyList<int> EffectiveChannels => Channels ?? [32, 16];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (LatentSize < 1)
        {
            throw new ArgumentException($"LatentSize must be at least 1 (got {LatentSize}).", nameof(LatentSize));
        }

        if (EffectiveHiddenSizes.Any(size => size < 1) || EffectiveChannels.Any(size => size < 1))
        {
            throw new ArgumentException("hidden sizes and channels must all be at least 1.", nameof(HiddenSizes));
        }

        if (SparsityWeight < 0 || Beta < 0 || double.IsNaN(SparsityWeight) || double.IsNaN(Beta))
        {
            throw new ArgumentException("SparsityWeight and Beta must be non-negative numbers.", nameof(Beta));
        }
    }
}

/// <summary>The last activation of a decoder.</summary>
public enum OutputActivation
{
    /// <summary>Outputs in (0, 1): for images and min-max scaled data; needed by the BCE loss.</summary>
    Sigmoid,

    /// <summary>Unbounded outputs: for standardised data.</summary>
    Identity,
}
