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
/// <param name="Output">
/// The output activation: sigmoid for data in [0, 1], identity otherwise. Null chooses from the training data when a
/// model is trained on a data set (<see cref="ForData"/>): sigmoid when every training value lies in [0, 1] (images,
/// min-max scaled rows), identity otherwise (z-normalised windows); without data, <see cref="EffectiveOutput"/>.
/// </param>
/// <param name="KernelSize">Convolution kernel size (conv, denoising and sequence kinds), odd; 3 by default (keras-io's time-series model: 7).</param>
/// <param name="Dropout">Dropout probability between consecutive convolution stages, in the encoder and in the decoder (0: none; keras-io's time-series model: 0.2).</param>
/// <param name="DenseCode">
/// Convolutional kinds: true puts a dense layer of <paramref name="LatentSize"/> values between the encoder and the
/// decoder. False makes the last convolution's feature map the code (its size is channels × the reduced length or
/// area, and <paramref name="LatentSize"/> is not used), and the decoder then ends as keras-io's models do: transposed
/// convolutions back through the encoder's channels, then a stride-1 convolution to the input's channels.
/// </param>
public sealed record ModelOptions(
    ModelKind Kind = ModelKind.Dense,
    int LatentSize = 32,
    IReadOnlyList<int>? HiddenSizes = null,
    IReadOnlyList<int>? Channels = null,
    double SparsityWeight = 1e-4,
    double Beta = 1.0,
    OutputActivation? Output = null,
    int KernelSize = 3,
    double Dropout = 0,
    bool DenseCode = true)
{
    /// <summary>
    /// The output activation a model built from these options has: <see cref="Output"/> when set, else identity for
    /// the linear kind (it has no activation at all) and sigmoid for the others.
    /// </summary>
    [JsonIgnore]
    public OutputActivation EffectiveOutput => Output ?? (Kind == ModelKind.Linear ? OutputActivation.Identity : OutputActivation.Sigmoid);

    /// <summary>
    /// These options with <see cref="Output"/> chosen for training data when it is not set: sigmoid when every value
    /// lies in [0, 1], identity otherwise (and always for the linear kind).
    /// </summary>
    /// <param name="valuesInUnitRange">Whether every training value lies in [0, 1].</param>
    public ModelOptions ForData(bool valuesInUnitRange) => Output is not null ? this : this with
    {
        Output = Kind == ModelKind.Linear || !valuesInUnitRange ? OutputActivation.Identity : OutputActivation.Sigmoid,
    };

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

        if (KernelSize < 1 || KernelSize % 2 == 0)
        {
            throw new ArgumentException($"KernelSize must be odd and at least 1, so that \"same\" padding keeps the length (got {KernelSize}).", nameof(KernelSize));
        }

        if (Dropout is not (>= 0 and < 1))
        {
            throw new ArgumentException($"Dropout must be at least 0 and below 1 (got {Dropout}).", nameof(Dropout));
        }

        if (Kind is not (ModelKind.Conv or ModelKind.Denoising or ModelKind.Sequence) && (KernelSize != 3 || Dropout != 0 || !DenseCode))
        {
            throw new ArgumentException(
                $"kernel size, dropout and a convolutional code apply to the conv, denoising and sequence models, not to {Kind.ToString().ToLowerInvariant()}.");
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
