using Autoencoders.Evaluation.Anomaly;

namespace Autoencoders.Tests.Anomaly;

public sealed class PrecisionRecallCurveTests
{
    [Fact]
    public void Average_precision_is_scikit_learns()
    {
        double[] scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
        bool[] anomalous = [true, false, true, false, false, true];

        var curve = PrecisionRecallCurve.Compute(scores, anomalous);

        // Recall steps of 1/3 at precision 1, 2/3 and 1/2: AP = (1 + 2/3 + 1/2) / 3 = 13/18, which
        // sklearn.metrics.average_precision_score (1.2.1) also gives for these scores.
        Assert.Equal(13.0 / 18, curve.AveragePrecision, 1e-12);
        Assert.Equal(6, curve.Points.Count);
        Assert.Equal((1.0, 0.5, 0.4), (curve.Points[^1].Recall, curve.Points[^1].Precision, curve.Points[^1].Threshold));
    }

    [Fact]
    public void Tied_scores_enter_together()
    {
        var curve = PrecisionRecallCurve.Compute([1, 1, 0], [true, false, false]);

        Assert.Equal(0.5, curve.AveragePrecision, 1e-12);
        Assert.Equal(new PrecisionRecallPoint(1, 0.5, 1), curve.Points[0]);
    }

    [Fact]
    public void A_random_order_has_an_average_precision_near_the_share_of_anomalies()
    {
        var random = new Random(2);
        var scores = Enumerable.Range(0, 20000).Select(_ => random.NextDouble()).ToArray();
        var anomalous = Enumerable.Range(0, 20000).Select(i => i % 10 == 0).ToArray();

        // With 2,000 anomalies among 20,000 random scores the AP's spread is about 0.01 around 0.1.
        Assert.InRange(PrecisionRecallCurve.Compute(scores, anomalous).AveragePrecision, 0.07, 0.13);
        Assert.Throws<ArgumentException>(() => PrecisionRecallCurve.Compute([1, 2], [false, false]));
    }
}
