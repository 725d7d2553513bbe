using Autoencoders.Evaluation;
using Autoencoders.Models;
using Autoencoders.Tests.Support;
using Autoencoders.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Evaluation;

public class ReconstructionEvaluationTests
{
    [Fact]
    public void Per_class_error_of_a_hand_made_example_is_the_mean_and_count_of_each_label()
    {
        using var labels = tensor(new long[] { 0, 1, 0, 2, 1 });

        var perClass = ReconstructionEvaluation.PerClass([1.0, 2.0, 3.0, 4.0, 5.0], labels, ["zero", "one"]);

        // zero: (1 + 3) / 2; one: (2 + 5) / 2; label 2 has no name, so its label is its name.
        Assert.Equal(
            [new ClassError(0, "zero", 2, 2.0), new ClassError(1, "one", 2, 3.5), new ClassError(2, "2", 1, 4.0)],
            perClass);
    }

    [Fact]
    public void Best_and_worst_samples_come_in_order_with_ties_broken_by_index()
    {
        var (best, worst) = ReconstructionEvaluation.Extremes([0.3, 0.1, 0.5, 0.1, 0.9], k: 2);

        Assert.Equal([new SampleError(1, 0.1), new SampleError(3, 0.1)], best);
        Assert.Equal([new SampleError(4, 0.9), new SampleError(2, 0.5)], worst);
    }

    [Fact]
    public void Evaluating_a_model_averages_the_per_sample_metrics_restores_its_mode_and_leaks_nothing()
    {
        using var data = ImageData(samples: 10, seed: 1);
        using var labels = tensor(new long[] { 0, 1, 2, 0, 1, 2, 0, 1, 2, 0 });
        using var model = ModelFactory.Create(new ModelOptions(ModelKind.Dense, LatentSize: 4), [1, 12, 12], seed: 1);
        model.train();
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        var report = ReconstructionEvaluation.Evaluate(model, data, labels, ["a", "b", "c"], extremes: 3, batchSize: 4);

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.True(model.training);
        var metrics = report.Metrics;
        Assert.Equal(10, metrics.Samples);
        // The report averages float64 per-sample values from batches of 4; ReconstructionError takes libtorch's float32
        // mean of all 1,440 values in one batch: the cascaded float32 sum is good to ~log2(1,440)·eps ≈ 7e-7 relative
        // and the two forward passes differ by a few ulps, so 2e-6 relative (measured: under 1e-7).
        AssertClose.Relative(ReconstructionError.Mean(model, data), metrics.Mse, 2e-6, "MSE");
        AssertClose.Relative(ReconstructionError.Mean(model, data, ReconstructionLoss.Mae), metrics.Mae, 2e-6, "MAE");
        // The same float64 MSEs on both sides, through libtorch's and .NET's log10: a few ulps of ~10 dB (measured: equal).
        Assert.Equal(report.SampleMse.Average(mse => SampleMetrics.PsnrFromMse(mse)), metrics.Psnr, 1e-12);
        Assert.NotNull(metrics.Bce);
        Assert.InRange(metrics.Ssim!.Value, -1.0, 0.99);
        Assert.Equal([4L, 3L, 3L], report.PerClass.Select(c => c.Count));
        Assert.Equal(3, report.Best.Count);
        Assert.Equal(report.SampleMse.Max(), report.Worst[0].Error);
    }

    [Fact]
    public void The_batch_size_does_not_change_the_result()
    {
        using var data = ImageData(samples: 7, seed: 2);
        using var model = ModelFactory.Create(new ModelOptions(ModelKind.Dense, LatentSize: 3), [1, 12, 12], seed: 2);

        var small = ReconstructionEvaluation.Evaluate(model, data, batchSize: 2);
        var large = ReconstructionEvaluation.Evaluate(model, data, batchSize: 100);

        // Batches of 2 and of 7 take different float32 matrix-multiply kernels, so the reconstructions (in (0, 1)) differ
        // by a few ulps, ~1e-7. Even if every pixel moved that much against its error, the MSE (~0.1, errors ~0.3)
        // would move by under 1e-6 of itself; SSIM, on its [-1, 1] scale, by about as much (measured: MSE 2e-9
        // relative, SSIM 4e-9, largest with ATEN_CPU_CAPABILITY=default). A sample dropped or counted twice at a
        // batch boundary moves the MSE by ~1e-3 relative: the per-sample MSEs here span 0.088-0.115.
        AssertClose.Relative(large.Metrics.Mse, small.Metrics.Mse, 1e-6, "MSE, batch 2 against batch 100");
        Assert.Equal(large.Metrics.Ssim!.Value, small.Metrics.Ssim!.Value, 1e-6);
        Assert.Empty(small.PerClass);
    }

    [Fact]
    public void Flat_data_outside_the_unit_range_has_no_ssim_and_no_bce()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        var data = randn(6, 8, generator: generator);
        using var model = ModelFactory.Create(new ModelOptions(ModelKind.Dense, LatentSize: 2, Output: OutputActivation.Identity), [8], seed: 3);

        var metrics = ReconstructionEvaluation.Evaluate(model, data).Metrics;

        Assert.Null(metrics.Ssim);
        Assert.Null(metrics.Bce);
        Assert.True(metrics.Mse > 0);
    }

    private static Tensor ImageData(int samples, int seed)
    {
        using var generator = new Generator((ulong)seed);
        return rand([samples, 1, 12, 12], generator: generator);
    }
}
