using Autoencoders.Data;
using Autoencoders.Evaluation.Denoising;
using Autoencoders.Models;
using static TorchSharp.torch;

namespace Autoencoders.Pipeline;

/// <summary>
/// The denoising part of an evaluation: which noise to measure (the model's own training noise unless asked for
/// another) and on which images (the test split; the classical parameters tuned on the model's own validation split).
/// </summary>
public static class ModelDenoising
{
    /// <summary>
    /// The model's training noise factor: its <c>--noise</c>, or 0.5 for the denoising model without one; 0 for a model
    /// trained on clean inputs.
    /// </summary>
    public static double TrainingNoise(TrainedModel trained)
    {
        ArgumentNullException.ThrowIfNull(trained);
        return trained.Training.NoiseFactor ?? (trained.Model.Options.Kind == ModelKind.Denoising ? 0.5 : 0.0);
    }

    /// <summary>
    /// Measures denoising when <paramref name="request"/> asks for it or the model was trained with input noise;
    /// otherwise null. A model trained with noise on data that are not images in [0, 1] gets null too (nothing to compare).
    /// </summary>
    /// <exception cref="DataInputException">Asked for, but the data are not images in [0, 1], or a level is missing or out of range.</exception>
    public static DenoisingResults? Evaluate(TrainedModel trained, Dataset data, DenoisingRequest? request)
    {
        ArgumentNullException.ThrowIfNull(trained);
        ArgumentNullException.ThrowIfNull(data);
        var trainedNoise = TrainingNoise(trained);
        var asked = request is not null && (request.Kind is not null || request.Level is not null || request.Sweep || request.SaveImages);
        if (!asked && trainedNoise <= 0)
        {
            return null;
        }

        request ??= new DenoisingRequest();
        var problem = ImageProblem(data);
        if (problem is not null)
        {
            return asked ? throw new DataInputException($"{problem}: denoising is measured on images; leave out --noise, --noise-kind, --noise-sweep and --save-noisy for these data") : null;
        }

        var kind = request.Kind ?? NoiseKind.Gaussian;
        var level = request.Level ?? (kind == NoiseKind.Gaussian && trainedNoise > 0 ? trainedNoise : (double?)null)
            ?? throw new DataInputException(kind == NoiseKind.Gaussian
                ? "the model was trained without input noise: pass --noise FACTOR (e.g. 0.5, the Keras blog's) to measure it as a denoiser"
                : $"{ImageNoise.NameOf(kind)} noise needs a level: pass --noise SHARE, the share of pixels it hits (e.g. 0.2)");
        var noise = new ImageNoise(kind, level, request.Seed);
        if (noise.Problem() is { } levelProblem)
        {
            throw new DataInputException($"--noise {level}: {levelProblem}");
        }

        using var split = ModelTraining.SelectSamples(data, trained.Selection, trained.Training.Seed);
        var (validation, test, model) = (split.ValidationFeatures, data.TestFeatures, trained.Model);
        var main = DenoisingEvaluation.Evaluate(model, validation, test, noise, request.Options);
        if (!request.Sweep)
        {
            return new DenoisingResults(main, [], []);
        }

        var asAsked = request.Options ?? new DenoisingOptions();
        var options = asAsked with { TestSamples = Math.Min(asAsked.TestSamples ?? int.MaxValue, DenoisingOptions.Sweep.TestSamples!.Value) };
        var sweep = DenoisingEvaluation.Sweep(model, validation, test, NoiseKind.Gaussian, DenoisingEvaluation.SweepLevels, request.Seed, options);
        var others = DenoisingRequest.SweepOtherKinds
            .Select(other => DenoisingEvaluation.Evaluate(model, validation, test, other with { Seed = request.Seed }, options)).ToList();
        return new DenoisingResults(main, sweep, others);
    }

    private static string? ImageProblem(Dataset data)
    {
        if (data.SampleShape.Length != 3)
        {
            return $"'{data.Name}' has samples shaped [{string.Join(", ", data.SampleShape)}], not images";
        }

        using var scope = NewDisposeScope();
        return data.TestFeatures.min().item<float>() < 0 || data.TestFeatures.max().item<float>() > 1
            ? $"'{data.Name}' has values outside [0, 1], where the noise is clipped"
            : null;
    }
}
