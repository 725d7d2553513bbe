using Autoencoders.Data.Preprocessing;
using static TorchSharp.torch;

namespace Autoencoders.Evaluation.Denoising;

/// <summary>The corruptions a denoiser is measured on.</summary>
public enum NoiseKind
{
    /// <summary><c>clip(x + level · N(0, 1), 0, 1)</c>, the Keras blog's noise (its example uses level 0.5).</summary>
    Gaussian,

    /// <summary>A share <c>level</c> of the pixels replaced, half by 0 (pepper) and half by 1 (salt).</summary>
    SaltAndPepper,

    /// <summary>A share <c>level</c> of the pixels set to 0 (Vincent et al. 2010's masking noise).</summary>
    Masking,
}

/// <summary>
/// One seeded corruption of images in [0, 1]: a kind, its level and the seed of its random draw. The same record on the
/// same images always gives the same noisy images.
/// </summary>
/// <param name="Kind">What the noise does.</param>
/// <param name="Level">Gaussian: the standard deviation before clipping (≥ 0); the others: the share of pixels hit, in [0, 1].</param>
/// <param name="Seed">Seed of the random draw.</param>
public sealed record ImageNoise(NoiseKind Kind, double Level, long Seed = 0)
{
    /// <summary>The Keras blog's denoising example: Gaussian noise with factor 0.5, clipped to [0, 1].</summary>
    public static ImageNoise KerasBlog { get; } = new(NoiseKind.Gaussian, 0.5);

    /// <summary>The name used in options and reports: <c>gaussian</c>, <c>salt-and-pepper</c> or <c>masking</c>.</summary>
    public string KindName => NameOf(Kind);

    /// <summary>A short description, e.g. <c>gaussian 0.5 (seed 0)</c>.</summary>
    public override string ToString() => FormattableString.Invariant($"{KindName} {Level:G4} (seed {Seed})");

    /// <summary>The option/report name of a kind.</summary>
    public static string NameOf(NoiseKind kind) => kind switch
    {
        NoiseKind.Gaussian => "gaussian",
        NoiseKind.SaltAndPepper => "salt-and-pepper",
        NoiseKind.Masking => "masking",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown noise kind"),
    };

    /// <summary>The kind named <paramref name="name"/> (as <see cref="NameOf"/> writes it), or null.</summary>
    public static NoiseKind? Parse(string name) =>
        Enum.GetValues<NoiseKind>().Cast<NoiseKind?>().FirstOrDefault(kind => string.Equals(NameOf(kind!.Value), name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Null when the level suits the kind, otherwise what is wrong.</summary>
    public string? Problem() => Kind == NoiseKind.Gaussian
        ? Level >= 0 && double.IsFinite(Level) ? null : FormattableString.Invariant($"a Gaussian noise factor must be a finite number at least 0 (got {Level})")
        : Level is >= 0 and <= 1 ? null : FormattableString.Invariant($"the share of pixels {KindName} noise hits must be between 0 and 1 (got {Level})");

    /// <summary>
    /// The noisy copy of <paramref name="clean"/> (values in [0, 1], any shape); <paramref name="clean"/> is untouched.
    /// The draw is made on the CPU from a generator seeded with <see cref="Seed"/>, so it is the same on every device.
    /// </summary>
    /// <exception cref="InvalidOperationException">The level does not suit the kind (<see cref="Problem"/>).</exception>
    public Tensor Apply(Tensor clean)
    {
        ArgumentNullException.ThrowIfNull(clean);
        if (Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        if (Kind == NoiseKind.Gaussian)
        {
            return GaussianNoise.Add(clean, Level, Seed);
        }

        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)Seed);
        var draw = rand(clean.shape, dtype: ScalarType.Float64, generator: generator).to(clean.device);
        var hit = draw < Level;
        var noisy = Kind == NoiseKind.Masking
            ? clean.masked_fill(hit, 0.0)
            : clean.masked_fill(draw < Level / 2, 0.0).masked_fill(hit.logical_and(draw >= Level / 2), 1.0);
        return noisy.MoveToOuterDisposeScope();
    }
}
