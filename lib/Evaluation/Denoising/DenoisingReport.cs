namespace Autoencoders.Evaluation.Denoising;

/// <summary>
/// How well each method restores one kind and level of noise on the test images: the noisy input itself, the
/// autoencoder, and the classical denoisers with their parameter tuned on validation images.
/// </summary>
/// <param name="Noise">The kind, e.g. <c>gaussian</c>.</param>
/// <param name="Level">Its level (the Gaussian factor, or the share of pixels hit).</param>
/// <param name="Seed">Seed of the test images' noise; the validation images' noise uses <c>Seed + 1</c>.</param>
/// <param name="TestSamples">Test images measured.</param>
/// <param name="ValidationSamples">Validation images the classical parameters were chosen on.</param>
/// <param name="Methods">One row per method, in order: noisy input, autoencoder (when given), classical denoisers.</param>
/// <param name="Omitted">Methods or metrics left out, with the reason (e.g. OpenCV missing, images too small for SSIM).</param>
public sealed record DenoisingReport(
    string Noise,
    double Level,
    long Seed,
    long TestSamples,
    long ValidationSamples,
    IReadOnlyList<DenoisingMethodResult> Methods,
    IReadOnlyList<string> Omitted)
{
    /// <summary>The method name of the noisy input's row.</summary>
    public const string NoisyInput = "noisy input";

    /// <summary>The method name of the autoencoder's row.</summary>
    public const string Autoencoder = "autoencoder";

    /// <summary>The row of <paramref name="method"/>, or null.</summary>
    public DenoisingMethodResult? Find(string method) => Methods.FirstOrDefault(row => row.Method == method);

    /// <summary>The classical method with the highest test PSNR, or null when none was run.</summary>
    public DenoisingMethodResult? BestClassical => Methods.Where(row => row.Parameter is not null).MaxBy(row => row.Psnr);
}

/// <summary>One method's result on the test images.</summary>
/// <param name="Method">E.g. <c>median filter</c>.</param>
/// <param name="Psnr">Mean per-image PSNR against the clean images, dB (data range 1).</param>
/// <param name="Ssim">Mean SSIM against the clean images; null for images smaller than 11×11.</param>
/// <param name="Parameter">The classical method's parameter (<c>sigma</c>, <c>kernel</c>, <c>h</c>) and its chosen value; null for the others.</param>
/// <param name="Search">Validation PSNR of every candidate value, in the order tried; empty for the others.</param>
public sealed record DenoisingMethodResult(string Method, double Psnr, double? Ssim, ChosenParameter? Parameter, IReadOnlyList<CandidateScore> Search);

/// <summary>A classical method's parameter as chosen on the validation images.</summary>
/// <param name="Name">E.g. <c>sigma</c>.</param>
/// <param name="Value">The value with the highest mean validation PSNR (the smallest such value on a tie).</param>
public sealed record ChosenParameter(string Name, double Value);

/// <summary>One candidate parameter value and its mean PSNR on the noisy validation images.</summary>
/// <param name="Value">The parameter value.</param>
/// <param name="ValidationPsnr">Mean per-image PSNR, dB.</param>
public sealed record CandidateScore(double Value, double ValidationPsnr);
