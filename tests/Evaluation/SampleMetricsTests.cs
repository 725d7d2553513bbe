using Autoencoders.Evaluation;
using Autoencoders.Training;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Evaluation;

public class SampleMetricsTests
{
    // Three samples of two features; the expected values below are worked out by hand in the comments.
    private static readonly double[,] Reconstructions = { { 0.5, 0.5 }, { 1, 0 }, { 0.2, 0.9 } };
    private static readonly double[,] Targets = { { 1, 0 }, { 1, 0 }, { 0, 1 } };

    private static double[] Measure(Func<Tensor, Tensor, Tensor> metric)
    {
        using var scope = NewDisposeScope();
        return metric(tensor(Reconstructions), tensor(Targets)).data<double>().ToArray();
    }

    [Fact]
    public void Mse_of_a_tiny_known_case_matches_the_hand_computation()
    {
        // (0.25 + 0.25) / 2, 0, (0.04 + 0.01) / 2
        Assert.Equal([0.25, 0.0, 0.025], Measure(SampleMetrics.Mse), new Tolerance(1e-12));
    }

    [Fact]
    public void Mae_of_a_tiny_known_case_matches_the_hand_computation()
    {
        // (0.5 + 0.5) / 2, 0, (0.2 + 0.1) / 2
        Assert.Equal([0.5, 0.0, 0.15], Measure(SampleMetrics.Mae), new Tolerance(1e-12));
    }

    [Fact]
    public void Bce_of_a_tiny_known_case_matches_the_hand_computation_and_clamps_exact_zeros_and_ones()
    {
        // −(log 0.5 + log 0.5) / 2 = ln 2; exact 0 and 1 are clamped to 1e-7 and 1 − 1e-7: −ln(1 − 1e-7) ≈ 1e-7;
        // −(ln 0.8 + ln 0.9) / 2.
        double[] expected = [Math.Log(2), -Math.Log(1 - SampleMetrics.BceEpsilon), -(Math.Log(0.8) + Math.Log(0.9)) / 2];

        Assert.Equal(expected, Measure(SampleMetrics.Bce), new Tolerance(1e-12));
    }

    [Theory]
    [InlineData(ReconstructionLoss.Mse)]
    [InlineData(ReconstructionLoss.Mae)]
    [InlineData(ReconstructionLoss.Bce)]
    public void The_error_of_a_training_loss_is_the_measure_of_the_same_name(ReconstructionLoss loss)
    {
        Func<Tensor, Tensor, Tensor> measure = loss switch
        {
            ReconstructionLoss.Mse => SampleMetrics.Mse,
            ReconstructionLoss.Mae => SampleMetrics.Mae,
            _ => SampleMetrics.Bce,
        };

        Assert.Equal(Measure(measure), Measure((r, t) => SampleMetrics.Error(loss, r, t)));
    }

    [Fact]
    public void Bce_applies_to_targets_in_zero_to_one_of_either_float_type_and_not_beyond()
    {
        using var scope = NewDisposeScope();

        Assert.True(SampleMetrics.BceApplies(tensor(Targets)));
        Assert.True(SampleMetrics.BceApplies(tensor(Targets).to_type(ScalarType.Float32)));
        Assert.False(SampleMetrics.BceApplies(tensor(Targets) - 0.01));
        Assert.False(SampleMetrics.BceApplies(tensor(Targets) + 0.01));
    }

    [Fact]
    public void Psnr_of_an_mse_of_one_hundredth_is_20_dB()
    {
        using var scope = NewDisposeScope();
        var target = full(2, 3, 0.5, dtype: ScalarType.Float64);

        // Every value off by 0.1: MSE 0.01, 10·log10(1 / 0.01) = 20 dB.
        var psnr = SampleMetrics.Psnr(target + 0.1, target).data<double>().ToArray();

        Assert.Equal(20.0, SampleMetrics.PsnrFromMse(0.01), 12);
        Assert.Equal([20.0, 20.0], psnr, new Tolerance(1e-9));
    }

    [Fact]
    public void Psnr_of_a_perfect_reconstruction_is_the_documented_cap()
    {
        using var scope = NewDisposeScope();
        var target = rand(2, 4);

        Assert.Equal(SampleMetrics.PsnrCap, SampleMetrics.PsnrFromMse(0));
        Assert.Equal([SampleMetrics.PsnrCap, SampleMetrics.PsnrCap], SampleMetrics.Psnr(target, target).data<double>().ToArray());
    }

    [Fact]
    public void Tensors_of_different_shapes_are_refused()
    {
        using var scope = NewDisposeScope();

        Assert.Throws<ArgumentException>(() => SampleMetrics.Mse(zeros(2, 3), zeros(2, 4)));
    }

    private sealed class Tolerance(double limit) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= limit;

        public int GetHashCode(double obj) => 0;
    }
}
