namespace Autoencoders.Evaluation.Denoising;

/// <summary>What an evaluation measures about denoising (the <c>denoising</c> section of <c>metrics.json</c>).</summary>
/// <param name="Main">At the requested noise (by default the model's training noise).</param>
/// <param name="Sweep">Gaussian noise at each factor of <see cref="DenoisingEvaluation.SweepLevels"/>; empty unless asked.</param>
/// <param name="OtherKinds">Salt-and-pepper and masking noise at <see cref="DenoisingRequest.SweepOtherKinds"/>; empty unless asked.</param>
public sealed record DenoisingResults(DenoisingReport Main, IReadOnlyList<DenoisingReport> Sweep, IReadOnlyList<DenoisingReport> OtherKinds);

/// <summary>What denoising an evaluation measures.</summary>
/// <param name="Kind">The noise kind, or null for Gaussian.</param>
/// <param name="Level">The level, or null for the model's training noise factor (Gaussian only).</param>
/// <param name="Sweep">Also sweep Gaussian factors 0.1 … 0.7 and try salt-and-pepper and masking noise.</param>
/// <param name="Seed">Seed of the test images' noise (validation images: seed + 1).</param>
/// <param name="Options">How many images the main measurement uses (the sweep and other kinds: at most <see cref="DenoisingOptions.Sweep"/>'s test images).</param>
/// <param name="SaveImages">Also write the main measurement's noisy and clean test images as <c>.npy</c> files (for tools/denoise-check.py).</param>
public sealed record DenoisingRequest(NoiseKind? Kind = null, double? Level = null, bool Sweep = false, long Seed = 0, DenoisingOptions? Options = null, bool SaveImages = false)
{
    /// <summary>The other kinds a sweep measures, at one level each: 20 % salt and pepper, 30 % of the pixels masked.</summary>
    public static IReadOnlyList<ImageNoise> SweepOtherKinds { get; } = [new(NoiseKind.SaltAndPepper, 0.2), new(NoiseKind.Masking, 0.3)];
}
