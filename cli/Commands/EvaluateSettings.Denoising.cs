using System.ComponentModel;
using System.Globalization;
using Autoencoders.Evaluation.Denoising;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>The evaluate verb's denoising options (docs/denoising.md).</summary>
internal sealed partial class EvaluateSettings
{
    [CommandOption("--noise <LEVEL>")]
    [Description("Measure denoising at this noise level against Gaussian blur, median and non-local means (default: the model's training noise, when it had one). Gaussian: the factor F of clip(x + F·N(0,1)); salt-and-pepper and masking: the share of pixels hit.")]
    public double? NoiseLevel { get; init; }

    [CommandOption("--noise-kind <KIND>")]
    [Description("The noise of the denoising measurement: gaussian (default), salt-and-pepper or masking.")]
    public string? NoiseKind { get; init; }

    [CommandOption("--noise-sweep")]
    [Description("Also measure denoising at Gaussian factors 0.1 … 0.7 (a chart of PSNR against the level), 20 % salt-and-pepper and 30 % masking noise.")]
    public bool NoiseSweep { get; init; }

    [CommandOption("--save-noisy")]
    [Description("Also write the denoising measurement's noisy and clean test images (denoising-noisy.npy, denoising-clean.npy) for tools/denoise-check.py.")]
    public bool SaveNoisy { get; init; }

    /// <summary>The denoising to measure, or null to leave it to the model (measured when it was trained with noise).</summary>
    public DenoisingRequest? Denoising => NoiseLevel is null && NoiseKind is null && !NoiseSweep && !SaveNoisy
        ? null
        : new DenoisingRequest(NoiseKind is null ? null : ImageNoise.Parse(NoiseKind), NoiseLevel, NoiseSweep, SaveImages: SaveNoisy);

    private string? DenoisingProblem()
    {
        if (NoiseKind is not null && ImageNoise.Parse(NoiseKind) is null)
        {
            return $"--noise-kind '{NoiseKind}' is not a noise kind: use gaussian, salt-and-pepper or masking.";
        }

        var kind = NoiseKind is null ? Evaluation.Denoising.NoiseKind.Gaussian : ImageNoise.Parse(NoiseKind)!.Value;
        return NoiseLevel is { } level && new ImageNoise(kind, level).Problem() is { } problem
            ? string.Create(CultureInfo.InvariantCulture, $"--noise {level}: {problem}.")
            : null;
    }
}
