using Autoencoders.Data;
using Autoencoders.Evaluation;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Models;
using Autoencoders.Training;
using TorchSharp;
using static TorchSharp.torch;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Anomaly;

public sealed class AnomalyScoresTests
{
    [Fact]
    public void Scores_are_the_per_sample_reconstruction_errors_computed_in_batches_without_leaks()
    {
        using var data = SyntheticData.LowRank(samples: 20, features: 12, rank: 2, seed: 1);
        using var model = ModelFactory.Create(new ModelOptions(LatentSize: 3), [12], seed: 1);
        model.train();
        double[] expected;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            model.eval();
            expected = SampleMetrics.Mae(model.forward(data), data).data<double>().ToArray();
            model.train();
        }

        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var scores = AnomalyScores.Compute(model, data, ReconstructionLoss.Mae, batchSize: 7);

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.Equal(20, scores.Length);
        // Batches of 7 and of 20 take different float32 matrix-multiply kernels: sigmoid outputs move by a few ulps
        // (~1e-7), so each MAE (0.14-0.36 here) by under 1e-6 of itself (measured: equal on this machine).
        Assert.All(scores.Zip(expected), pair => AssertClose.Relative(pair.Second, pair.First, 1e-6, "a sample's MAE"));
        Assert.True(model.training, "the model's training mode is restored");
    }

    [Fact]
    public void Samples_of_the_wrong_shape_are_refused()
    {
        using var data = zeros(4, 10);
        using var model = ModelFactory.Create(new ModelOptions(LatentSize: 2), [12], seed: 1);

        var error = Assert.Throws<ArgumentException>(() => AnomalyScores.Compute(model, data));

        Assert.Contains("[10] but the model expects [12]", error.Message, StringComparison.Ordinal);
    }
}
