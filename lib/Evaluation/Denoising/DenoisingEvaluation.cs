using Autoencoders.Models;
using static TorchSharp.torch;

namespace Autoencoders.Evaluation.Denoising;

/// <summary>Which images a denoising evaluation uses.</summary>
/// <param name="ValidationSamples">At most this many validation images tune the classical parameters (the first ones).</param>
/// <param name="TestSamples">At most this many test images are measured (the first ones); null for all.</param>
public sealed record DenoisingOptions(int ValidationSamples = 200, int? TestSamples = null)
{
    /// <summary>The sweep's and the other kinds' images: the first 500 test images at each level (non-local means takes about 2 ms an image).</summary>
    public static DenoisingOptions Sweep { get; } = new(TestSamples: 500);
}

/// <summary>
/// Measures denoising: corrupts clean test images with seeded noise and compares, by PSNR and SSIM against the clean
/// images, the noisy input, an autoencoder's output and classical denoisers (<see cref="ClassicalDenoisers"/>). Each
/// classical parameter is chosen by mean PSNR on the validation images (corrupted with seed + 1), never on the test images.
/// </summary>
public static class DenoisingEvaluation
{
    /// <summary>
    /// Evaluates at one noise kind and level. Images are <c>(n, c, h, w)</c> with values in [0, 1].
    /// </summary>
    /// <param name="model">The autoencoder, or null to measure only the noisy input and the classical methods.</param>
    /// <param name="validation">Clean validation images: only these tune the classical parameters.</param>
    /// <param name="test">Clean test images.</param>
    /// <param name="noise">The noise of the test images; the validation images get the same with <c>Seed + 1</c>.</param>
    /// <param name="options">How many images to use.</param>
    /// <exception cref="ArgumentException">Not images in [0, 1], shapes that differ, or a noise level that does not suit its kind.</exception>
    public static DenoisingReport Evaluate(Autoencoder? model, Tensor validation, Tensor test, ImageNoise noise, DenoisingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(noise);
        options ??= new DenoisingOptions();
        RequireImages(validation, nameof(validation));
        RequireImages(test, nameof(test));
        if (!validation.shape.AsSpan(1).SequenceEqual(test.shape.AsSpan(1)))
        {
            throw new ArgumentException($"validation images [{string.Join(", ", validation.shape.Skip(1))}] and test images [{string.Join(", ", test.shape.Skip(1))}] differ in shape", nameof(validation));
        }

        if (noise.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(noise));
        }

        using var scope = NewDisposeScope();
        var testClean = test.narrow(0, 0, Math.Min(test.shape[0], options.TestSamples ?? test.shape[0]));
        var validationClean = validation.narrow(0, 0, Math.Min(validation.shape[0], options.ValidationSamples));
        var testNoisy = noise.Apply(testClean);
        var omitted = new List<string>();
        var withSsim = Ssim.Applies(testClean.shape);
        if (!withSsim)
        {
            omitted.Add($"SSIM compares images of at least {Ssim.WindowSize}×{Ssim.WindowSize} pixels; these are {testClean.shape[2]}×{testClean.shape[3]}");
        }

        var rows = new List<DenoisingMethodResult> { Measure(DenoisingReport.NoisyInput, testNoisy, testClean, withSsim) };
        if (model is not null)
        {
            var denoised = BatchedInference.Map(model, testNoisy, batch => model.forward(batch));
            rows.Add(Measure(DenoisingReport.Autoencoder, denoised, testClean, withSsim));
        }

        if (ClassicalDenoisers.Unavailable is { } unavailable)
        {
            omitted.Add($"classical denoisers: {unavailable}");
        }
        else if (validationClean.shape[0] == 0)
        {
            omitted.Add("classical denoisers: their parameters are chosen on validation images, and there are none");
        }
        else
        {
            var validationNoisy = (noise with { Seed = noise.Seed + 1 }).Apply(validationClean);
            foreach (var method in ClassicalDenoisers.All)
            {
                var search = Search(method, validationNoisy, validationClean);
                var chosen = search.MaxBy(candidate => candidate.ValidationPsnr)!; // MaxBy keeps the first of equals: the least smoothing
                var row = Measure(ClassicalDenoisers.NameOf(method), ClassicalDenoisers.Apply(method, chosen.Value, testNoisy), testClean, withSsim);
                rows.Add(row with { Parameter = new ChosenParameter(ClassicalDenoisers.ParameterOf(method), chosen.Value), Search = search });
            }
        }

        return new DenoisingReport(noise.KindName, noise.Level, noise.Seed, testClean.shape[0], validationClean.shape[0], rows, omitted);
    }

    /// <summary>
    /// <see cref="Evaluate"/> at every level of <paramref name="levels"/> (same kind and seed): how gracefully each
    /// method degrades, e.g. a model trained at 0.5 evaluated from 0.1 to 0.7.
    /// </summary>
    public static IReadOnlyList<DenoisingReport> Sweep(Autoencoder? model, Tensor validation, Tensor test, NoiseKind kind, IEnumerable<double> levels, long seed = 0, DenoisingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(levels);
        return [.. levels.Select(level => Evaluate(model, validation, test, new ImageNoise(kind, level, seed), options))];
    }

    /// <summary>The Gaussian noise factors of the sweep: 0.1, 0.2, …, 0.7.</summary>
    public static IReadOnlyList<double> SweepLevels { get; } = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7];

    private static List<CandidateScore> Search(ClassicalMethod method, Tensor noisy, Tensor clean)
    {
        var scores = new List<CandidateScore>();
        foreach (var value in ClassicalDenoisers.Candidates(method))
        {
            using var scope = NewDisposeScope();
            scores.Add(new CandidateScore(value, MeanPsnr(ClassicalDenoisers.Apply(method, value, noisy), clean)));
        }

        return scores;
    }

    private static DenoisingMethodResult Measure(string method, Tensor output, Tensor clean, bool withSsim)
    {
        using var scope = NewDisposeScope();
        var restored = output.to_type(ScalarType.Float32).to(clean.device);
        return new DenoisingMethodResult(method, MeanPsnr(restored, clean), withSsim ? Ssim.Mean(restored, clean) : null, null, []);
    }

    private static double MeanPsnr(Tensor output, Tensor clean)
    {
        using var scope = NewDisposeScope();
        return SampleMetrics.Psnr(output.to(clean.device), clean).mean().item<double>();
    }

    private static void RequireImages(Tensor images, string name)
    {
        if (images.dim() != 4)
        {
            throw new ArgumentException($"denoising is measured on images (n, channels, height, width); got [{string.Join(", ", images.shape)}]", name);
        }

        using var scope = NewDisposeScope();
        if (images.numel() > 0 && (images.min().item<float>() < 0 || images.max().item<float>() > 1))
        {
            throw new ArgumentException("denoising is measured on images with values in [0, 1] (the noise is clipped to that range); these lie outside it", name);
        }
    }
}
