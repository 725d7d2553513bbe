using static TorchSharp.torch;

namespace Autoencoders.Evaluation;

/// <summary>The input-space affinities of t-SNE, as scikit-learn's <c>_binary_search_perplexity</c> computes them.</summary>
internal static class TsneAffinities
{
    private const int Steps = 100;
    private const double EntropyTolerance = 1e-5;

    /// <summary>
    /// Joint probabilities <c>(n, n)</c>, float64: for each point i, p_{j|i} ∝ exp(−β_i ‖x_i − x_j‖²) with β_i found by
    /// bisection (at most 100 steps, all points at once) so that the entropy (natural log) equals log(perplexity);
    /// then P = (P_cond + P_condᵀ) / sum, floored at 1e-12.
    /// </summary>
    public static Tensor Joint(Tensor points, double perplexity)
    {
        using var scope = NewDisposeScope();
        var n = points.shape[0];
        var distances = cdist(points, points).square();
        var target = Math.Log(perplexity);
        var beta = ones(n, 1, dtype: ScalarType.Float64);
        var lower = full(n, 1, double.NegativeInfinity, dtype: ScalarType.Float64);
        var upper = full(n, 1, double.PositiveInfinity, dtype: ScalarType.Float64);
        var notSelf = 1 - eye(n, dtype: ScalarType.Float64);
        for (var step = 0; step < Steps; step++)
        {
            using var stepScope = NewDisposeScope();
            var excess = Entropy(distances, beta, notSelf) - target;
            var open = excess.abs().gt(EntropyTolerance);
            if (!open.any().item<bool>())
            {
                break;
            }

            // Too flat (entropy too high): sharpen, i.e. raise β; otherwise lower it. Doubling/halving until bracketed.
            var raise = open & excess.gt(0);
            var drop = open & excess.le(0);
            lower = where(raise, beta, lower).MoveToOuterDisposeScope();
            upper = where(drop, beta, upper).MoveToOuterDisposeScope();
            var raised = where(upper.isinf(), beta * 2, (beta + upper) / 2);
            var dropped = where(lower.isinf(), beta / 2, (beta + lower) / 2);
            beta = where(raise, raised, where(drop, dropped, beta)).MoveToOuterDisposeScope();
        }

        var conditional = Conditional(distances, beta, notSelf, out _);
        var joint = conditional + conditional.t();
        return (joint / joint.sum().clamp_min(double.Epsilon)).clamp_min(1e-12).MoveToOuterDisposeScope();
    }

    private static Tensor Entropy(Tensor distances, Tensor beta, Tensor notSelf)
    {
        Conditional(distances, beta, notSelf, out var entropy);
        return entropy;
    }

    private static Tensor Conditional(Tensor distances, Tensor beta, Tensor notSelf, out Tensor entropy)
    {
        var weights = (-distances * beta).exp() * notSelf;
        var total = weights.sum([1], keepdim: true).clamp_min(1e-8);
        var probabilities = weights / total;
        entropy = total.log() + beta * (distances * probabilities).sum([1], keepdim: true);
        return probabilities;
    }
}
