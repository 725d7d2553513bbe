using Autoencoders.Data;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Models;
using Autoencoders.Training;
using Autoencoders.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Anomaly;

public sealed class AnomalyScorerTests
{
    [Fact]
    public void The_reconstruction_score_is_the_per_sample_MSE_and_the_centre_score_adds_the_reconstructions_distance_from_the_centre()
    {
        using var data = SyntheticData.LowRank(samples: 40, features: 6, rank: 2, seed: 3);
        using var model = ModelFactory.Create(new ModelOptions(ModelKind.Deep, LatentSize: 2, HiddenSizes: [8], Output: OutputActivation.Identity), [6], seed: 3);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        using (var mse = AnomalyScorer.Fit(model, data, AnomalyScoreKind.Reconstruction))
        using (var centre = AnomalyScorer.Fit(model, data, AnomalyScoreKind.ReconstructionAndCentre))
        {
            var expectedMse = AnomalyScores.Compute(model, data);
            // Both are float32 reconstructions averaged in float64 here and in float32 by AnomalyScores: ~1e-6 relative.
            Assert.All(mse.Score(data).Zip(expectedMse), pair => AssertClose.Relative(pair.Second, pair.First, 1e-5, "a row's MSE"));
            Assert.Equal("mse", mse.Name);
            Assert.Equal("mse+centre", centre.Name);

            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            model.eval();
            var mean = data.to_type(ScalarType.Float64).mean([0]);
            var along = (model.forward(data).to_type(ScalarType.Float64) - mean).square().mean([1]).data<double>().ToArray();
            Assert.All(centre.Score(data).Select((score, i) => (score, expected: expectedMse[i] + along[i])),
                pair => AssertClose.Relative(pair.expected, pair.score, 1e-5, "a row's MSE + centre distance"));
            Assert.Equal(centre.Score(data), centre.TrainingScores);
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void The_neighbour_score_ranks_a_far_row_above_the_training_rows_and_leaves_a_row_out_of_its_own_neighbours()
    {
        using var data = SyntheticData.LowRank(samples: 60, features: 5, rank: 2, seed: 4);
        using var model = ModelFactory.Create(new ModelOptions(ModelKind.Deep, LatentSize: 2, HiddenSizes: [8], Output: OutputActivation.Identity), [5], seed: 4);
        using (var trainer = new Trainer(model, new TrainingOptions(Epochs: 5, BatchSize: 16)))
        {
            trainer.Fit(data);
        }

        using var scorer = AnomalyScorer.Fit(model, data, AnomalyScoreKind.CentreAndNeighbours, neighbours: 3);
        using var far = data.narrow(0, 0, 1) * 50;

        // A training row's score leaves itself out, so it is not the score the same row gets as a new row (distance 0 to itself).
        Assert.NotEqual(scorer.Score(data.narrow(0, 0, 1))[0], scorer.TrainingScores[0]);
        Assert.True(scorer.Score(far)[0] > scorer.TrainingScores.Max(), "a row 50 times as far out scores above every training row");
        Assert.Equal(AnomalyScoreKind.CentreAndNeighbours, AnomalyScoreKinds.Parse("Centre+KNN"));
        Assert.Null(AnomalyScoreKinds.Parse("ssim"));
        Assert.Throws<ArgumentException>(() => AnomalyScorer.Fit(model, data.narrow(0, 0, 3), AnomalyScoreKind.CentreAndNeighbours, neighbours: 3));
    }

    [Fact]
    public void The_per_feature_errors_add_up_to_the_rows_error_and_the_worst_columns_come_first()
    {
        using var data = SyntheticData.LowRank(samples: 30, features: 4, rank: 2, seed: 5);
        using var model = ModelFactory.Create(new ModelOptions(ModelKind.Deep, LatentSize: 2, HiddenSizes: [8], Output: OutputActivation.Identity), [4], seed: 5);
        var scores = AnomalyScores.Compute(model, data);

        using var perFeature = AnomalyExplanation.PerFeature(model, data);
        var rows = AnomalyExplanation.WorstRows(model, data, scores, ["a", "b", "<c>", "d"], count: 3, columnsPerRow: 2, rowNumbers: [.. Enumerable.Range(100, 30).Select(i => (long)i)]);

        var best = Enumerable.Range(0, 30).OrderByDescending(i => scores[i]).Take(3).ToArray();
        Assert.Equal(best.Select(i => 100L + i), rows.Select(row => row.Row));
        Assert.All(rows, row =>
        {
            Assert.Equal(2, row.WorstColumns.Count);
            Assert.True(row.WorstColumns[0].Error >= row.WorstColumns[1].Error);
            // The row's MSE is the mean of its per-feature squared errors: float32 network, float64 sums, ~1e-6 relative.
            AssertClose.Relative(row.Score, row.ReconstructionError, 1e-5, "the row's error");
            Assert.InRange(row.WorstColumns.Sum(column => column.Share), 0, 1 + 1e-12);
        });
        AssertClose.Relative(scores[best[0]], perFeature[best[0]].mean().item<double>(), 1e-5, "the per-feature errors' mean");
        Assert.Contains(rows.SelectMany(row => row.WorstColumns).Select(column => column.Column), name => name is "a" or "b" or "<c>" or "d");
    }
}
