using System.Globalization;
using Autoencoders.Data;
using Autoencoders.Data.Preprocessing;
using Autoencoders.Evaluation;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Models;
using Autoencoders.Native;
using Autoencoders.Training;
using static TorchSharp.torch;

namespace Autoencoders.Pipeline;

/// <summary>
/// The one-class protocol of the image anomaly-detection literature (Ruff et al., "Deep One-Class Classification",
/// ICML 2018, and the papers after it): for each class c of a labelled data set, fit a detector on the training
/// samples of c only, score the whole test split with c normal and every other class anomalous, and measure the
/// ROC AUC. Three detectors run on the same samples: the autoencoder (one per class and seed, scored by
/// <see cref="OneClassOptions.Score"/>), PCA (reconstruction error with <see cref="OneClassOptions.PcaComponents"/>
/// components fitted on class c) and kNN (distance to the <see cref="OneClassOptions.Neighbor"/>-th nearest training
/// sample of class c).
/// </summary>
public static partial class OneClassBenchmark
{
    /// <summary>The protocol's name in the benchmark's JSON.</summary>
    public const string Protocol = "one-class";

    /// <summary>The method name of the autoencoder with its chosen score.</summary>
    public const string Autoencoder = "autoencoder";

    /// <summary>The method name of the PCA baseline.</summary>
    public const string PcaMethod = "pca";

    /// <summary>The method name of the kNN baseline.</summary>
    public const string KnnMethod = "knn";

    /// <summary>The method name of a further score of the same autoencoders: <c>autoencoder-ssim</c>, <c>autoencoder-mse</c>, ….</summary>
    public static string MethodName(ImageAnomalyScore score) => $"{Autoencoder}-{ImageAnomalyScores.Name(score)}";

    /// <summary>Runs the protocol on <paramref name="data"/> (not disposed) and returns every method's ROC AUC per class.</summary>
    /// <param name="data">A labelled data set, e.g. <c>Datasets.Load("digits")</c>; its training split is trained on, its test split scored.</param>
    /// <param name="options">Model, training, score, seeds and baselines; null takes the defaults.</param>
    /// <param name="observer">Hears a step per class and seed, the training's progress and one line per result; null: nothing.</param>
    /// <param name="cancellationToken">Stops after the current batch and throws <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="DataInputException">The data have no labels, fewer than two classes in the test split, a class that is not there, or samples the score or model cannot take.</exception>
    /// <exception cref="ArgumentException">Options out of range.</exception>
    public static OneClassResult Run(Dataset data, OneClassOptions? options = null, PipelineObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new OneClassOptions();
        options.Validate();
        observer ??= PipelineObserver.Silent;
        var classes = CheckData(data, options);
        options = options.ResolvedFor(MeanClassSamples(data, classes));
        var seeds = options.SeedList;
        var scores = options.EffectiveScores;
        var testLabels = data.TestLabels!.data<long>().ToArray();
        var perClass = new List<OneClassClassResult>();
        var step = 0;
        foreach (var label in classes)
        {
            var name = ClassName(data, label);
            var isAnomaly = testLabels.Select(value => value != label).ToArray();
            using var train = TrainingSamples(data, label);
            observer.Message($"Class {name}: {train.shape[0]:N0} training samples; {isAnomaly.Count(flag => !flag):N0} normal and {isAnomaly.Count(flag => flag):N0} anomalous test samples.");
            var pca = Auc(PcaScores(train, data.TestFeatures, options.PcaComponents), isAnomaly);
            var knn = Auc(NeighborDistance.KthNearest(train, data.TestFeatures, options.Neighbor), isAnomaly);
            var autoencoder = scores.Select(_ => new List<double>()).ToArray();
            foreach (var seed in seeds)
            {
                cancellationToken.ThrowIfCancellationRequested();
                observer.StepStarted(++step, classes.Count * seeds.Count, $"class {name}, seed {seed}: training on {train.shape[0]:N0} samples");
                var aucs = TrainAndScore(data, label, train, isAnomaly, options, seed, observer, cancellationToken);
                for (var i = 0; i < scores.Count; i++)
                {
                    autoencoder[i].Add(aucs[i]);
                }

                observer.Message(string.Create(CultureInfo.InvariantCulture,
                    $"class {name}, seed {seed}: ROC AUC autoencoder {aucs[0]:F4}, pca {pca:F4}, knn {knn:F4}"));
            }

            var methods = new List<OneClassMethod>();
            for (var i = 0; i < scores.Count; i++)
            {
                methods.Add(new OneClassMethod(i == 0 ? Autoencoder : MethodName(scores[i]), AutoencoderDetail(options, scores[i]), OneClassAuc.Of(autoencoder[i])));
            }

            methods.Add(new OneClassMethod(PcaMethod, PcaDetail(options), OneClassAuc.Of([.. seeds.Select(_ => pca)])));
            methods.Add(new OneClassMethod(KnnMethod, KnnDetail(options), OneClassAuc.Of([.. seeds.Select(_ => knn)])));
            perClass.Add(new OneClassClassResult(label, name, train.shape[0], isAnomaly.Count(flag => !flag), isAnomaly.Count(flag => flag), methods));
        }

        return new OneClassResult(Protocol, data.Name, seeds, MeanOverClasses(perClass, seeds.Count), perClass, options with { AlsoScore = [.. scores.Skip(1)] })
        {
            Environment = RunEnvironment.Current(),
        };
    }

    /// <summary>
    /// A data set for choosing settings without the test split: its training split is a stratified, seeded share of
    /// <paramref name="data"/>'s training split, its test split the rest of it (held-out samples of every class, so
    /// the other classes' held-out samples serve as pseudo-anomalies). <see cref="Run"/> on it measures what a setting
    /// would do; <paramref name="data"/>'s test split is never read. Dispose it.
    /// </summary>
    /// <param name="data">A labelled data set; not disposed.</param>
    /// <param name="fraction">Share of each class's training samples held out as the validation "test" split.</param>
    /// <param name="seed">Seeds the split.</param>
    public static Dataset ValidationSet(Dataset data, double fraction = 0.2, long seed = 12345)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.TrainLabels is null)
        {
            throw new DataInputException($"{data.Source}: data set '{data.Name}' has no labels; the one-class protocol needs a labelled data set");
        }

        using var split = DataSplit.TrainValidation(data.TrainFeatures, data.TrainLabels, fraction, seed);
        return new Dataset($"{data.Name} (validation)", data.Source, split.TrainFeatures.clone(), split.TrainLabels!.clone(),
            split.ValidationFeatures.clone(), split.ValidationLabels!.clone(), data.ClassNames);
    }

    private static double[] TrainAndScore(Dataset data, long label, Tensor train, bool[] isAnomaly, OneClassOptions options, long seed,
        PipelineObserver observer, CancellationToken cancellationToken)
    {
        using var trained = TrainDetector(data, label, options, seed, observer, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var aucs = new List<double> { Auc(trained.Score(data.TestFeatures), isAnomaly) };
        foreach (var score in options.EffectiveScores.Skip(1))
        {
            using var other = FittedScore.Fit(trained.Model, train, ImageAnomalyScores.Name(score), seed: seed);
            aucs.Add(Auc(other.Score(data.TestFeatures), isAnomaly));
        }

        return [.. aucs];
    }

    /// <summary>
    /// The detector of one class and seed, fitted exactly as the train verb fits it with <c>--normal-class</c>
    /// (<see cref="ModelTraining.Train"/> on that class only, no validation split, the benchmark's score): saved and loaded
    /// again, it scores the test split bit-identically. <paramref name="options"/> must be resolved (<see cref="OneClassOptions.ResolvedFor"/>).
    /// </summary>
    public static TrainedModel TrainDetector(Dataset data, long label, OneClassOptions options, long seed, PipelineObserver? observer = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        observer ??= PipelineObserver.Silent;
        var detector = new DetectorOptions(ImageAnomalyScores.Name(options.Score));
        return observer.Training(progress => ModelTraining.Train(data, options.EffectiveModel, options.EffectiveTraining with { Seed = seed },
            new TrainingSelection(ValidationFraction: 0, NormalClass: label), progress, detector: detector, cancellationToken: cancellationToken));
    }

    private static List<long> CheckData(Dataset data, OneClassOptions options)
    {
        if (data.TrainLabels is null || data.TestLabels is null)
        {
            throw new DataInputException($"{data.Source}: data set '{data.Name}' has no labels; the one-class protocol needs a labelled data set (for a CSV file, name its label column)");
        }

        List<long> testClasses;
        HashSet<long> trainClasses;
        using (NewDisposeScope())
        {
            testClasses = [.. data.TestLabels.unique().Item1.data<long>().Order()];
            trainClasses = [.. data.TrainLabels.unique().Item1.data<long>()];
        }

        if (testClasses.Count < 2)
        {
            throw new DataInputException($"{data.Source}: the test split of '{data.Name}' holds {testClasses.Count} class; the one-class protocol needs at least two (one normal, the others anomalous)");
        }

        var classes = options.Classes?.ToList() ?? testClasses;
        foreach (var label in classes)
        {
            if (!testClasses.Contains(label) || !trainClasses.Contains(label))
            {
                throw new DataInputException($"{data.Source}: class {label} is not in both splits of '{data.Name}'; its classes are {string.Join(", ", testClasses)}");
            }
        }

        foreach (var score in options.EffectiveScores.Where(score => !ImageAnomalyScores.Applies(score, data.TestFeatures.shape)))
        {
            throw new DataInputException($"{data.Source}: the {ImageAnomalyScores.Name(score)} score needs images of at least 11×11 pixels, but '{data.Name}' has samples shaped [{string.Join(", ", data.SampleShape)}]; score with mse instead");
        }

        return [.. classes.Distinct()];
    }

    private static double MeanClassSamples(Dataset data, IReadOnlyList<long> classes)
    {
        using var scope = NewDisposeScope();
        return classes.Average(label => data.TrainLabels!.eq(label).sum().item<long>());
    }

    private static Tensor TrainingSamples(Dataset data, long label)
    {
        using var scope = NewDisposeScope();
        return data.TrainFeatures.index_select(0, data.TrainLabels!.eq(label).nonzero().squeeze(1)).MoveToOuterDisposeScope();
    }

    private static double[] PcaScores(Tensor train, Tensor test, int components)
    {
        var features = train.shape.Skip(1).Aggregate(1L, (product, size) => product * size);
        if (components > Math.Min(train.shape[0], features))
        {
            throw new DataInputException($"PCA with {components} components needs at least as many training samples and features; a class has {train.shape[0]} samples of {features} values: use fewer components");
        }

        using var pca = Pca.Fit(train, components);
        using var scope = NewDisposeScope();
        var scores = new List<Tensor>();
        for (long start = 0; start < test.shape[0]; start += BatchedInference.DefaultBatchSize)
        {
            var batch = test.narrow(0, start, Math.Min(BatchedInference.DefaultBatchSize, test.shape[0] - start));
            scores.Add(SampleMetrics.Mse(pca.Reconstruct(batch), batch));
        }

        return cat(scores, 0).data<double>().ToArray();
    }

    private static double Auc(IReadOnlyList<double> scores, bool[] isAnomaly) => RocCurve.MannWhitneyAuc(scores, isAnomaly);

    private static List<OneClassMethod> MeanOverClasses(List<OneClassClassResult> perClass, int seeds)
    {
        var first = perClass[0].Methods;
        return [.. first.Select((method, m) => method with
        {
            RocAuc = OneClassAuc.Of([.. Enumerable.Range(0, seeds).Select(s => perClass.Average(result => result.Methods[m].RocAuc.PerSeed[s]))]),
        })];
    }

    private static string ClassName(Dataset data, long label) =>
        data.ClassNames is { } names && label >= 0 && label < names.Count ? names[(int)label] : label.ToString(CultureInfo.InvariantCulture);

    private static string AutoencoderDetail(OneClassOptions options, ImageAnomalyScore score)
    {
        var model = options.EffectiveModel;
        var training = options.EffectiveTraining;
        var layers = model.Kind is ModelKind.Conv or ModelKind.Denoising ? $"channels {string.Join("-", model.EffectiveChannels)}, "
            : model.EffectiveHiddenSizes.Count > 0 ? $"hidden {string.Join("-", model.EffectiveHiddenSizes)}, " : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{model.Kind.ToString().ToLowerInvariant()} autoencoder ({layers}latent {model.LatentSize}), {training.Epochs} epochs, batch {training.BatchSize}, learning rate {training.LearningRate:G3}; score {ImageAnomalyScores.Name(score)}");
    }

    private static string PcaDetail(OneClassOptions options) => $"reconstruction error (MSE), {options.PcaComponents} components";

    private static string KnnDetail(OneClassOptions options) => options.Neighbor == 1
        ? "distance to the nearest training sample"
        : $"distance to the {Ordinal(options.Neighbor)} nearest training sample";

    private static string Ordinal(int n) => (n % 100) is 11 or 12 or 13 ? $"{n}th" : (n % 10) switch
    {
        1 => $"{n}st",
        2 => $"{n}nd",
        3 => $"{n}rd",
        _ => $"{n}th",
    };
}
