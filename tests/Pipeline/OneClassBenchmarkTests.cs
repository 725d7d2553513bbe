using System.Text.Json;
using Autoencoders.Data;
using Autoencoders.Evaluation;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Models;
using Autoencoders.Pipeline;
using Autoencoders.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Pipeline;

public sealed class OneClassBenchmarkTests
{
    // A conv model small enough to train in a blink; one epoch: the tests check the protocol, not the detector.
    private static readonly OneClassOptions Tiny = new(
        Model: new ModelOptions(ModelKind.Conv, LatentSize: 4, Channels: [4, 4]),
        Training: new TrainingOptions(Epochs: 1, BatchSize: 16),
        AlsoScore: [ImageAnomalyScore.Mse],
        Seeds: 2,
        PcaComponents: 8,
        Neighbor: 3);

    [Fact]
    public void Every_class_gets_every_method_with_aucs_in_the_unit_interval_and_the_mean_over_classes()
    {
        using var digits = SmallDigits();

        var result = OneClassBenchmark.Run(digits, Tiny);

        Assert.Equal("one-class", result.Protocol);
        Assert.Equal([1L, 2L], result.Seeds);
        Assert.Equal([0L, 1L, 7L], result.PerClass.Select(c => c.Class));
        Assert.Equal(["0", "1", "7"], result.PerClass.Select(c => c.Name));
        string[] methods = ["autoencoder", "autoencoder-mse", "pca", "knn"];
        Assert.Equal(methods, result.Methods.Select(m => m.Name));
        foreach (var perClass in result.PerClass)
        {
            Assert.Equal(methods, perClass.Methods.Select(m => m.Name));
            Assert.Equal(30, perClass.TrainingSamples);
            Assert.Equal(20, perClass.NormalTestSamples);
            Assert.Equal(40, perClass.AnomalousTestSamples);
            Assert.All(perClass.Methods, m => Assert.Equal(2, m.RocAuc.PerSeed.Count));
            Assert.All(perClass.Methods.SelectMany(m => m.RocAuc.PerSeed), auc => Assert.InRange(auc, 0.0, 1.0));
        }

        foreach (var method in methods)
        {
            var perSeed = Enumerable.Range(0, 2).Select(s => result.PerClass.Average(c => c.Method(method).RocAuc.PerSeed[s])).ToArray();
            Assert.Equal(perSeed, result.Method(method).RocAuc.PerSeed);
            Assert.Equal(perSeed.Average(), result.Method(method).RocAuc.Mean, 1e-15);
        }

        // The baselines do not depend on the seed.
        Assert.Equal(0, result.Method("pca").RocAuc.Sd);
        Assert.Equal(0, result.Method("knn").RocAuc.Sd);
        Assert.Contains("8 components", result.Method("pca").Detail, StringComparison.Ordinal);
        Assert.Contains("3rd nearest", result.Method("knn").Detail, StringComparison.Ordinal);
        Assert.Contains("score ssim+latent", result.Method("autoencoder").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Pca_and_knn_are_measured_on_the_classes_training_samples_and_the_whole_test_split()
    {
        using var digits = SmallDigits();

        var result = OneClassBenchmark.Run(digits, Tiny with { Seeds = 1, Classes = [7] });

        using var scope = NewDisposeScope();
        var train = digits.TrainFeatures.index_select(0, digits.TrainLabels!.eq(7).nonzero().squeeze(1));
        var isAnomaly = digits.TestLabels!.data<long>().Select(label => label != 7).ToArray();
        using var pca = Pca.Fit(train, 8);
        var pcaScores = SampleMetrics.Mse(pca.Reconstruct(digits.TestFeatures), digits.TestFeatures).data<double>().ToArray();
        var knnScores = NeighborDistance.KthNearest(train, digits.TestFeatures, k: 3);
        var perClass = Assert.Single(result.PerClass);
        Assert.Equal(RocCurve.Compute(pcaScores, isAnomaly).Auc, perClass.Method("pca").RocAuc.Mean, 1e-12);
        Assert.Equal(RocCurve.Compute(knnScores, isAnomaly).Auc, perClass.Method("knn").RocAuc.Mean, 1e-12);
    }

    [Fact]
    public void The_same_seed_gives_the_same_result_and_another_seed_another_autoencoder()
    {
        using var digits = SmallDigits();
        var options = Tiny with { Seeds = 1, Classes = [1] };

        var first = OneClassBenchmark.Run(digits, options);
        var again = OneClassBenchmark.Run(digits, options);
        var other = OneClassBenchmark.Run(digits, options with { FirstSeed = 2 });

        Assert.Equal(first.PerClass[0].Methods, again.PerClass[0].Methods, new MethodComparer());
        Assert.NotEqual(first.PerClass[0].Method("autoencoder-mse").RocAuc.Mean, other.PerClass[0].Method("autoencoder-mse").RocAuc.Mean);
        Assert.Equal(first.PerClass[0].Method("pca").RocAuc.Mean, other.PerClass[0].Method("pca").RocAuc.Mean);
    }

    [Fact]
    public void A_run_leaks_no_tensors()
    {
        using var digits = SmallDigits();
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        // A dense model: TorchSharp 0.107's Conv2d and ConvTranspose2d leave one tensor each behind when disposed
        // (measured: a conv model with two convolution layers each way leaves 4), which is not the benchmark's doing.
        OneClassBenchmark.Run(digits, Tiny with { Model = new ModelOptions(LatentSize: 4), Seeds = 1, Classes = [0] });

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Knn_and_pca_aucs_match_a_hand_made_example()
    {
        // Two classes on a line. Class 0 trains on (0, 0) and (1, 0), class 1 on (10, 0) and (11, 0); the test split
        // holds class 0 at (0.5, 0.1) and (3, 0), class 1 at (2, 1) and (10.5, 0.2).
        // kNN (nearest): with 0 normal, normals score 0.51 and 2, anomalies 1.41 and 9.50: 3 of 4 pairs ordered, AUC 0.75;
        // with 1 normal, normals 8.06 and 0.54, anomalies 9.50 and 7: again 0.75.
        // PCA with one component is the x axis of either class, so the error is y²/2: with 0 normal, normals 0.005 and 0,
        // anomalies 0.5 and 0.02 (AUC 1); with 1 normal the same scores with the roles swapped (AUC 0).
        using var data = new Dataset("line", "hand-made",
            tensor(new float[] { 0, 0, 1, 0, 10, 0, 11, 0 }, [4, 2]), tensor(new long[] { 0, 0, 1, 1 }),
            tensor(new float[] { 0.5f, 0.1f, 3, 0, 2, 1, 10.5f, 0.2f }, [4, 2]), tensor(new long[] { 0, 0, 1, 1 }));
        var options = new OneClassOptions(new ModelOptions(ModelKind.Dense, LatentSize: 1), new TrainingOptions(Epochs: 1, BatchSize: 2),
            Score: ImageAnomalyScore.Mse, Seeds: 1, PcaComponents: 1, Neighbor: 1);

        var result = OneClassBenchmark.Run(data, options);

        Assert.Equal([0.75, 0.75], result.PerClass.Select(c => c.Method("knn").RocAuc.Mean));
        Assert.Equal([1.0, 0.0], result.PerClass.Select(c => c.Method("pca").RocAuc.Mean));
        Assert.Equal(0.75, result.Method("knn").RocAuc.Mean);
        Assert.Equal(0.5, result.Method("pca").RocAuc.Mean);
    }

    [Fact]
    public void Serialised_camel_case_the_result_is_the_benchmark_json()
    {
        using var data = new Dataset("line", "hand-made",
            tensor(new float[] { 0, 0, 1, 0, 10, 0, 11, 0 }, [4, 2]), tensor(new long[] { 0, 0, 1, 1 }),
            tensor(new float[] { 0.5f, 0.1f, 3, 0, 2, 1, 10.5f, 0.2f }, [4, 2]), tensor(new long[] { 0, 0, 1, 1 }), ["left", "right"]);
        var result = OneClassBenchmark.Run(data, new OneClassOptions(new ModelOptions(ModelKind.Dense, LatentSize: 1),
            new TrainingOptions(Epochs: 1, BatchSize: 2), Score: ImageAnomalyScore.Mse, Seeds: 1, PcaComponents: 1));

        using var json = JsonDocument.Parse(result.ToJson());

        var root = json.RootElement;
        Assert.Equal("one-class", root.GetProperty("protocol").GetString());
        Assert.Equal("line", root.GetProperty("dataset").GetString());
        Assert.Equal(["autoencoder", "pca", "knn"], root.GetProperty("methods").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        Assert.Equal(0.75, root.GetProperty("methods")[2].GetProperty("rocAuc").GetProperty("mean").GetDouble());
        Assert.Equal(0, root.GetProperty("methods")[2].GetProperty("rocAuc").GetProperty("sd").GetDouble());
        var right = root.GetProperty("perClass")[1];
        Assert.Equal(1, right.GetProperty("class").GetInt64());
        Assert.Equal("right", right.GetProperty("name").GetString());
        Assert.Equal(0.0, right.GetProperty("methods")[1].GetProperty("rocAuc").GetProperty("mean").GetDouble());
        Assert.False(root.GetProperty("options").TryGetProperty("effectiveModel", out _), "computed options are not repeated");
        Assert.Equal("mse", root.GetProperty("options").GetProperty("score").GetString());
        Assert.Equal(1, root.GetProperty("options").GetProperty("training").GetProperty("epochs").GetInt32());
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.True(root.GetProperty("environment").TryGetProperty("torchSharp", out _));
    }

    [Theory]
    [InlineData(800, 50)]   // digits: 13 batches of 64, the setting chosen on validation data
    [InlineData(6000, 7)]   // Fashion-MNIST: 94 batches
    [InlineData(10, 650)]   // one batch per epoch
    public void Default_training_gives_every_model_about_the_same_optimiser_steps(double classSamples, int epochs)
    {
        var resolved = new OneClassOptions().ResolvedFor(classSamples);

        Assert.Equal(epochs, resolved.Training!.Epochs);
        Assert.Equal(OneClassOptions.DefaultTraining with { Epochs = epochs }, resolved.Training);
        Assert.Equal(OneClassOptions.DefaultModel, resolved.Model);
        Assert.Same(Tiny.Training, Tiny.ResolvedFor(6000).Training);
    }

    [Fact]
    public void The_validation_set_holds_out_a_stratified_share_of_the_training_split_and_none_of_the_test_split()
    {
        using var digits = SmallDigits();

        using var validation = OneClassBenchmark.ValidationSet(digits, fraction: 0.2, seed: 3);

        Assert.Equal(72, validation.TrainFeatures.shape[0]);
        Assert.Equal(18, validation.TestFeatures.shape[0]);
        Assert.Equal([6L, 6L, 6L], validation.TestLabels!.bincount(null).data<long>().ToArray().Where(count => count > 0));
        using var scope = NewDisposeScope();
        // Each image is told apart by its ink; the two parts together hold exactly the training split's images.
        var parts = cat([validation.TrainFeatures, validation.TestFeatures], 0).sum([1, 2, 3]).sort().Values.data<float>().ToArray();
        var training = digits.TrainFeatures.sum([1, 2, 3]).sort().Values.data<float>().ToArray();
        Assert.Equal(training, parts);
        Assert.Equal("digits (validation)", validation.Name);
    }

    [Fact]
    public void Cancelling_stops_the_run()
    {
        using var digits = SmallDigits();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => OneClassBenchmark.Run(digits, Tiny, cancellationToken: cancel.Token));
    }

    [Fact]
    public void Steps_training_and_results_reach_the_observer()
    {
        using var digits = SmallDigits();
        var observer = new RecordingObserver();

        OneClassBenchmark.Run(digits, Tiny with { Classes = [0, 1] }, observer);

        Assert.Equal(["1/4", "2/4", "3/4", "4/4"], observer.Steps);
        Assert.Equal(4, observer.Trainings);
        Assert.Contains(observer.Lines, line => line.StartsWith("class 1, seed 2: ROC AUC autoencoder ", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_data_is_refused_with_a_data_input_error()
    {
        using var digits = SmallDigits();
        using var unlabelled = new Dataset("u", "x", zeros(4, 1, 12, 12), null, zeros(4, 1, 12, 12), null);
        using var oneClass = new Dataset("one", "x", zeros(4, 1, 12, 12), zeros(4, dtype: ScalarType.Int64), zeros(4, 1, 12, 12), zeros(4, dtype: ScalarType.Int64));
        using var rows = new Dataset("rows", "x", zeros(4, 3), tensor(new long[] { 0, 0, 1, 1 }), zeros(4, 3), tensor(new long[] { 0, 0, 1, 1 }));

        Assert.Contains("no labels", Assert.Throws<DataInputException>(() => OneClassBenchmark.Run(unlabelled, Tiny)).Message, StringComparison.Ordinal);
        Assert.Contains("at least two", Assert.Throws<DataInputException>(() => OneClassBenchmark.Run(oneClass, Tiny)).Message, StringComparison.Ordinal);
        Assert.Contains("class 4 is not", Assert.Throws<DataInputException>(() => OneClassBenchmark.Run(digits, Tiny with { Classes = [4] })).Message, StringComparison.Ordinal);
        Assert.Contains("score needs images", Assert.Throws<DataInputException>(() => OneClassBenchmark.Run(rows, Tiny)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => OneClassBenchmark.Run(digits, Tiny with { Seeds = 0 }));
    }

    // 30 training and 20 test images of each of the digits 0, 1 and 7, from the embedded set.
    private static Dataset SmallDigits()
    {
        using var digits = Datasets.Load(Datasets.Digits);
        using var scope = NewDisposeScope();
        static Tensor Pick(Tensor labels, int perClass) =>
            cat([.. new long[] { 0, 1, 7 }.Select(label => labels.eq(label).nonzero().squeeze(1).narrow(0, 0, perClass))], 0);
        var train = Pick(digits.TrainLabels!, 30);
        var test = Pick(digits.TestLabels!, 20);
        return new Dataset("digits", digits.Source,
            digits.TrainFeatures.index_select(0, train), digits.TrainLabels!.index_select(0, train),
            digits.TestFeatures.index_select(0, test), digits.TestLabels!.index_select(0, test), digits.ClassNames);
    }

    private sealed class MethodComparer : IEqualityComparer<OneClassMethod>
    {
        public bool Equals(OneClassMethod? x, OneClassMethod? y) =>
            x is not null && y is not null && x.Name == y.Name && x.Detail == y.Detail && x.RocAuc.PerSeed.SequenceEqual(y.RocAuc.PerSeed);

        public int GetHashCode(OneClassMethod obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }

    private sealed class RecordingObserver : PipelineObserver
    {
        public List<string> Steps { get; } = [];

        public List<string> Lines { get; } = [];

        public int Trainings { get; private set; }

        public override void StepStarted(int number, int total, string title) => Steps.Add($"{number}/{total}");

        public override void Message(string line) => Lines.Add(line);

        public override T Training<T>(Func<IProgress<TrainingProgress>?, T> train)
        {
            Trainings++;
            return base.Training(train);
        }
    }
}
