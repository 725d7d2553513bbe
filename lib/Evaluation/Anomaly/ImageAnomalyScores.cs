using System.Text.Json;
using System.Text.Json.Serialization;
using Autoencoders.Models;
using static TorchSharp.torch;

namespace Autoencoders.Evaluation.Anomaly;

/// <summary>How an image and its reconstruction are compared to give the image's anomaly score (higher: more anomalous).</summary>
[JsonConverter(typeof(ImageAnomalyScoreJsonConverter))]
public enum ImageAnomalyScore
{
    /// <summary>The mean squared error over the pixels, the plain reconstruction error (<see cref="SampleMetrics.Mse"/>).</summary>
    Mse,

    /// <summary>
    /// The mean squared error after a small blur of the error image (a 5×5 Gaussian, σ = 1 pixel): an error spread over
    /// a region (a missing or extra stroke) counts more than the same total error in scattered single pixels (a stroke
    /// drawn one pixel off).
    /// </summary>
    BlurredMse,

    /// <summary>
    /// One minus the structural similarity of the image and its reconstruction (<see cref="Evaluation.Ssim"/>: 11×11
    /// Gaussian window, σ = 1.5), as Bergmann et al. ("Improving unsupervised defect segmentation by applying
    /// structural similarity to autoencoders", VISAPP 2019) use it: it compares local means, contrasts and structure
    /// rather than single pixels, so a reconstruction that keeps the shape but blurs or shifts it a little stays close.
    /// Needs images of at least 11×11 pixels.
    /// </summary>
    Ssim,

    /// <summary>
    /// <see cref="Ssim"/> plus a latent-space distance, each standardised by its mean and standard deviation over the
    /// normal training images: z(1 − SSIM) + z(distance from the image's code to the nearest training image's code).
    /// The reconstruction term sees what the model cannot draw; the latent term sees a code far from every normal
    /// one, which catches anomalies the decoder still draws well (a 7 that a model of 1s reconstructs as a 1). The
    /// training images' own distances leave each image out. Needs the training images: see <see cref="ImageAnomalyScorer"/>.
    /// </summary>
    SsimPlusLatent,
}

/// <summary>Anomaly scores and per-pixel errors of images from their reconstructions (see <see cref="ImageAnomalyScore"/>).</summary>
public static class ImageAnomalyScores
{
    /// <summary>Side of the blur of <see cref="ImageAnomalyScore.BlurredMse"/>.</summary>
    public const int BlurSize = 5;

    /// <summary>Standard deviation of the blur of <see cref="ImageAnomalyScore.BlurredMse"/>, in pixels.</summary>
    public const double BlurSigma = 1.0;

    /// <summary>The name of a score in method names and on the command line: <c>mse</c>, <c>blurred-mse</c>, <c>ssim</c>, <c>ssim+latent</c>.</summary>
    public static string Name(ImageAnomalyScore score) => score switch
    {
        ImageAnomalyScore.Mse => "mse",
        ImageAnomalyScore.BlurredMse => "blurred-mse",
        ImageAnomalyScore.Ssim => "ssim",
        ImageAnomalyScore.SsimPlusLatent => "ssim+latent",
        _ => throw new ArgumentOutOfRangeException(nameof(score), score, "unknown score"),
    };

    /// <summary>The score called <paramref name="name"/> (see <see cref="Name"/>), or null when there is none.</summary>
    public static ImageAnomalyScore? Parse(string name) =>
        Enum.GetValues<ImageAnomalyScore>().Cast<ImageAnomalyScore?>().FirstOrDefault(score => Name(score!.Value) == name?.Trim().ToLowerInvariant());

    /// <summary>Whether samples of this shape <c>(n, ...)</c> can be given <paramref name="score"/>.</summary>
    public static bool Applies(ImageAnomalyScore score, IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return score switch
        {
            ImageAnomalyScore.Mse => shape.Count >= 2,
            ImageAnomalyScore.BlurredMse => shape.Count == 4,
            ImageAnomalyScore.Ssim or ImageAnomalyScore.SsimPlusLatent => Evaluation.Ssim.Applies(shape),
            _ => false,
        };
    }

    /// <summary>Whether <paramref name="score"/> needs more than an image and its reconstruction (the training images' codes).</summary>
    public static bool NeedsTrainingImages(ImageAnomalyScore score) => score == ImageAnomalyScore.SsimPlusLatent;

    /// <summary>
    /// The score of each image from its reconstruction: <c>(n, c, h, w), (n, c, h, w) -> (n)</c>, float64. For the
    /// scores that need only these (<see cref="NeedsTrainingImages"/> false); <see cref="ImageAnomalyScorer"/> gives every score.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes differ or do not suit the score (see <see cref="Applies"/>), or the score needs the training images.</exception>
    public static Tensor Compute(ImageAnomalyScore score, Tensor reconstructions, Tensor images)
    {
        ArgumentNullException.ThrowIfNull(reconstructions);
        ArgumentNullException.ThrowIfNull(images);
        if (!Applies(score, images.shape))
        {
            throw new ArgumentException($"the {Name(score)} score needs images (n, channels, height, width){(score == ImageAnomalyScore.Ssim ? $" of at least {Evaluation.Ssim.WindowSize}×{Evaluation.Ssim.WindowSize} pixels" : "")}; got [{string.Join(", ", images.shape)}]", nameof(images));
        }

        if (NeedsTrainingImages(score))
        {
            throw new ArgumentException($"the {Name(score)} score needs the training images' codes: fit an {nameof(ImageAnomalyScorer)} on them", nameof(score));
        }

        return score switch
        {
            ImageAnomalyScore.Mse => SampleMetrics.Mse(reconstructions, images),
            ImageAnomalyScore.BlurredMse => BlurredMse(reconstructions, images),
            ImageAnomalyScore.Ssim => OneMinusSsim(reconstructions, images),
            _ => throw new ArgumentOutOfRangeException(nameof(score), score, "unknown score"),
        };
    }

    /// <summary>
    /// The squared error of every pixel, <c>(x̂ − x)²</c>, the per-pixel form of <see cref="ImageAnomalyScore.Mse"/> (its
    /// mean over an image's pixels is the image's MSE): <c>(n, ...), (n, ...) -> (n, ...)</c>, float32. It shows where
    /// an image was reconstructed worst.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static Tensor PixelErrors(Tensor reconstructions, Tensor images)
    {
        ArgumentNullException.ThrowIfNull(reconstructions);
        ArgumentNullException.ThrowIfNull(images);
        if (!reconstructions.shape.SequenceEqual(images.shape))
        {
            throw new ArgumentException($"reconstruction shape [{string.Join(", ", reconstructions.shape)}] differs from image shape [{string.Join(", ", images.shape)}]", nameof(reconstructions));
        }

        using var scope = NewDisposeScope();
        return (reconstructions.to_type(ScalarType.Float32) - images.to_type(ScalarType.Float32)).square().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The reconstructions of <paramref name="images"/> by <paramref name="model"/> and their per-pixel errors
    /// (<see cref="PixelErrors(Tensor, Tensor)"/>), both shaped like the images; dispose both.
    /// </summary>
    public static (Tensor Reconstructions, Tensor Errors) PixelErrors(Autoencoder model, Tensor images, int batchSize = BatchedInference.DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.RequireSamples(images, nameof(images));
        using var scope = NewDisposeScope();
        var reconstructions = BatchedInference.Map(model, images, model.forward, batchSize);
        var errors = PixelErrors(reconstructions, images);
        return (reconstructions.MoveToOuterDisposeScope(), errors.MoveToOuterDisposeScope());
    }

    /// <summary>The normalised <see cref="BlurSize"/>² Gaussian kernel of <see cref="ImageAnomalyScore.BlurredMse"/>, <c>(1, 1, 5, 5)</c>, float64.</summary>
    public static Tensor BlurKernel()
    {
        using var scope = NewDisposeScope();
        var offsets = arange(BlurSize, dtype: ScalarType.Float64) - (BlurSize - 1) / 2;
        var line = (-offsets.square() / (2 * BlurSigma * BlurSigma)).exp();
        line /= line.sum();
        return line.outer(line).view(1, 1, BlurSize, BlurSize).MoveToOuterDisposeScope();
    }

    // Zero padding keeps the image's size: outside the image the error is taken as 0, which it nearly is at the
    // empty borders of digits and clothes.
    private static Tensor BlurredMse(Tensor reconstructions, Tensor images)
    {
        using var scope = NewDisposeScope();
        var error = reconstructions.to_type(ScalarType.Float64) - images.to_type(ScalarType.Float64);
        var channels = error.shape[1];
        var kernel = BlurKernel().expand(channels, 1, BlurSize, BlurSize);
        var blurred = nn.functional.conv2d(error, kernel, padding: [BlurSize / 2, BlurSize / 2], groups: channels);
        return blurred.square().flatten(1).mean([1]).MoveToOuterDisposeScope();
    }

    private static Tensor OneMinusSsim(Tensor reconstructions, Tensor images)
    {
        using var scope = NewDisposeScope();
        return (1 - Evaluation.Ssim.PerImage(reconstructions, images)).MoveToOuterDisposeScope();
    }
}

/// <summary>Writes a score as its command-line name (<c>ssim+latent</c>), so the JSON and the CLI say the same.</summary>
internal sealed class ImageAnomalyScoreJsonConverter : JsonConverter<ImageAnomalyScore>
{
    public override ImageAnomalyScore Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() is { } name && ImageAnomalyScores.Parse(name) is { } score
            ? score
            : throw new JsonException($"not an image anomaly score: '{reader.GetString()}'");

    public override void Write(Utf8JsonWriter writer, ImageAnomalyScore value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(ImageAnomalyScores.Name(value));
    }
}
