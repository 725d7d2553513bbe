using Autoencoders.Training;
using static TorchSharp.torch;

namespace Autoencoders.Evaluation;

/// <summary>
/// Per-sample reconstruction measures, the library's one implementation of a per-sample error (anomaly scores,
/// evaluation metrics, histograms and thresholds all use these). Each takes a reconstruction and its target of the
/// same shape <c>(n, ...)</c> and returns one value per sample, <c>(n)</c>, float64 (computed in float64), averaged
/// over the sample's features.
/// </summary>
public static class SampleMetrics
{
    /// <summary>
    /// Predictions are clamped to [ε, 1 − ε] before the logarithms of <see cref="Bce"/>, so that a prediction of
    /// exactly 0 or 1 (or, from a model without a sigmoid output, outside [0, 1]) gives a large finite loss rather
    /// than infinity or an error (ε = 1e-7, Keras' default epsilon). This is the library's only BCE clamping rule for
    /// per-sample values; the training loss is PyTorch's <c>binary_cross_entropy</c>, which differs only for
    /// predictions within ε of 0 or 1.
    /// </summary>
    public const double BceEpsilon = 1e-7;

    /// <summary>
    /// The highest PSNR reported, in dB: a perfect reconstruction (MSE = 0) gets this value instead of +∞ so that
    /// averages and JSON stay finite. 100 dB is the PSNR of an MSE of 1e-10, far below float32 rounding of [0, 1] data.
    /// </summary>
    public const double PsnrCap = 100.0;

    /// <summary>The per-sample form of a training loss: <see cref="Mse"/>, <see cref="Mae"/> or <see cref="Bce"/>.</summary>
    public static Tensor Error(ReconstructionLoss loss, Tensor reconstruction, Tensor target) => loss switch
    {
        ReconstructionLoss.Mse => Mse(reconstruction, target),
        ReconstructionLoss.Mae => Mae(reconstruction, target),
        ReconstructionLoss.Bce => Bce(reconstruction, target),
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "unknown loss"),
    };

    /// <summary>Mean squared error per sample: mean over features of (x̂ − x)².</summary>
    public static Tensor Mse(Tensor reconstruction, Tensor target) =>
        PerSample(reconstruction, target, (r, t) => (r - t).square());

    /// <summary>Mean absolute error per sample: mean over features of |x̂ − x|.</summary>
    public static Tensor Mae(Tensor reconstruction, Tensor target) =>
        PerSample(reconstruction, target, (r, t) => (r - t).abs());

    /// <summary>
    /// Binary cross-entropy per sample: mean over features of −[x log p + (1 − x) log(1 − p)] with
    /// p = clamp(x̂, ε, 1 − ε) (see <see cref="BceEpsilon"/>). Meaningful for targets in [0, 1] (<see cref="BceApplies"/>).
    /// </summary>
    public static Tensor Bce(Tensor reconstruction, Tensor target) =>
        PerSample(reconstruction, target, (r, t) =>
        {
            var p = r.clamp(BceEpsilon, 1 - BceEpsilon);
            return -(t * p.log() + (1 - t) * (1 - p).log());
        });

    /// <summary>
    /// Whether <see cref="Bce"/> means anything for these targets: all of them in [0, 1] (what the reconstruction
    /// holds does not matter, since it is clamped).
    /// </summary>
    public static bool BceApplies(Tensor target)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var scope = NewDisposeScope();
        return target.min().to_type(ScalarType.Float64).item<double>() >= 0 && target.max().to_type(ScalarType.Float64).item<double>() <= 1;
    }

    /// <summary>
    /// Peak signal-to-noise ratio per sample in dB for data range 1: 10 log10(1 / MSE), from the sample's own MSE,
    /// capped at <see cref="PsnrCap"/>.
    /// </summary>
    public static Tensor Psnr(Tensor reconstruction, Tensor target)
    {
        using var scope = NewDisposeScope();
        return PsnrOfMse(Mse(reconstruction, target)).MoveToOuterDisposeScope();
    }

    /// <summary>PSNR in dB for data range 1 of a known MSE, capped at <see cref="PsnrCap"/>: 0.01 gives 20 dB.</summary>
    public static double PsnrFromMse(double mse)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mse);
        return Math.Min(PsnrCap, -10 * Math.Log10(mse));
    }

    private static Tensor PsnrOfMse(Tensor mse) => (mse.log10() * -10).clamp_max(PsnrCap);

    private static Tensor PerSample(Tensor reconstruction, Tensor target, Func<Tensor, Tensor, Tensor> elementwise)
    {
        ArgumentNullException.ThrowIfNull(reconstruction);
        ArgumentNullException.ThrowIfNull(target);
        if (!reconstruction.shape.SequenceEqual(target.shape))
        {
            throw new ArgumentException(
                $"reconstruction shape [{string.Join(", ", reconstruction.shape)}] differs from target shape [{string.Join(", ", target.shape)}]",
                nameof(reconstruction));
        }

        using var scope = NewDisposeScope();
        var values = elementwise(reconstruction.to_type(ScalarType.Float64), target.to_type(ScalarType.Float64));
        return values.flatten(1).mean([1]).MoveToOuterDisposeScope();
    }
}
