using System.Globalization;
using Autoencoders.Data;
using Autoencoders.Data.Preprocessing;
using Autoencoders.Data.Tabular;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Models;
using Autoencoders.Native;
using Autoencoders.Training;
using static TorchSharp.torch;

namespace Autoencoders.Pipeline;

/// <summary>
/// Anomaly-detection benchmarks as one call each, the autoencoder beside the classic detectors on the same runs.
/// <see cref="RandomSplits"/> is PyOD's benchmark protocol on a labelled table.
/// </summary>
public static class AnomalyBenchmark
{
    /// <summary>The name of PyOD's protocol, as reports record it.</summary>
    public const string RandomSplitsProtocol = "random-splits";

    /// <summary>The baselines compared with the autoencoder, in report order.</summary>
    public static IReadOnlyList<string> BaselineNames { get; } = ["pca", "pca-pyod", "knn"];

    /// <summary>The methods of a report with these options: <c>autoencoder</c>, its other scores, then the baselines.</summary>
    public static IReadOnlyList<string> MethodNames(AnomalyBenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ["autoencoder", .. OtherScores(options).Select(kind => $"autoencoder-{AnomalyScoreKinds.Name(kind)}"), .. BaselineNames];
    }

    private static IEnumerable<AnomalyScoreKind> OtherScores(AnomalyBenchmarkOptions options) =>
        options.OtherScores.Where(kind => kind != options.Score).Distinct();

    /// <summary>
    /// PyOD's benchmark protocol on the table in <paramref name="path"/>: for each of <see cref="AnomalyBenchmarkOptions.Splits"/>
    /// seeded random splits (run i uses seed <c>Seed + i</c>; not stratified, as scikit-learn's <c>train_test_split</c>),
    /// the features are standardised with the training part's statistics; the autoencoder is trained on the training
    /// part without its labels (its anomalies stay in, unlabelled) and scores the test part; PCA reconstruction error
    /// (as many components as the latent size), PyOD's PCA detector and the k-th-neighbour distance score it too. Each
    /// method gets ROC AUC, average precision and F1 at each threshold rule (fitted on its training scores; F1-max on the
    /// test labels, an upper bound). The first split's highest-scoring test rows are explained column by column.
    /// </summary>
    /// <param name="path">A CSV file: numeric feature columns and a label column of 0 (normal) and 1 (anomaly).</param>
    /// <param name="options">Runs, split, model, score; null takes the defaults.</param>
    /// <param name="observer">Hears progress; null for none.</param>
    /// <param name="cancellationToken">Stops between runs and training batches.</param>
    /// <exception cref="DataInputException">The file is unusable, its labels are not 0/1 with both present, or a split's test part lacks a class.</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static AnomalyBenchmarkReport RandomSplits(string path, AnomalyBenchmarkOptions? options = null, PipelineObserver? observer = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new AnomalyBenchmarkOptions();
        options.Validate();
        observer ??= PipelineObserver.Silent;
        var table = CsvTable.Read(path, options.LabelColumn);
        var isAnomaly = BinaryLabels(table, path);
        var features = table.FeatureNames.Count;
        var model = options.Model ?? TabularDefaults.Model(features);
        model = options.LatentSize is { } latent ? model with { LatentSize = latent } : model;
        var training = options.Training ?? TabularDefaults.Training;
        if (model.LatentSize > features)
        {
            throw new DataInputException($"{path}: the latent size {model.LatentSize} is larger than the table's {features} features; the PCA baseline takes as many components as the latent size, so choose at most {features}");
        }

        using var rows = table.ToFeatureTensor();
        var splits = new List<BenchmarkSplit>();
        var explanations = (IReadOnlyList<ExplainedRow>)[];
        var curves = (IReadOnlyList<BenchmarkCurves>)[];
        for (var run = 0; run < options.Splits; run++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var seed = options.Seed + run;
            observer.StepStarted(run + 1, options.Splits, string.Create(CultureInfo.InvariantCulture, $"split {run + 1} of {options.Splits} (seed {seed})"));
            var outcome = RunSplit(path, table, rows, isAnomaly, options, model, training with { Seed = seed }, run, seed, observer, cancellationToken);
            splits.Add(outcome.Split);
            if (run == 0)
            {
                (explanations, curves) = (outcome.Explanations, outcome.Curves);
            }
        }

        var settings = new BenchmarkSettings(path, DataRecipe.Sha256Of(path), options.LabelColumn, table.RowCount, features, isAnomaly.Count(flag => flag),
            options.Splits, options.TrainFraction, options.Seed, "standard (z-score), fitted on each training part", model, training with { Seed = options.Seed },
            AnomalyScoreKinds.Name(options.Score), model.LatentSize, options.Neighbours, options.Contamination);
        return new AnomalyBenchmarkReport(AnomalyBenchmarkReport.CurrentSchemaVersion, RandomSplitsProtocol, Path.GetFileNameWithoutExtension(path),
            Summaries(splits, model, options, features), PerClass: null, splits, explanations, settings, RunEnvironment.Current())
        {
            Curves = curves,
        };
    }

    private sealed record SplitOutcome(BenchmarkSplit Split, IReadOnlyList<ExplainedRow> Explanations, IReadOnlyList<BenchmarkCurves> Curves);

    private static SplitOutcome RunSplit(string path, CsvTable table, Tensor rows, bool[] isAnomaly, AnomalyBenchmarkOptions options, ModelOptions modelOptions,
        TrainingOptions training, int run, long seed, PipelineObserver observer, CancellationToken cancellationToken)
    {
        using var scope = NewDisposeScope();
        var (trainRows, testRows) = DataSplit.Indices(table.RowCount, 1 - options.TrainFraction, seed);
        var testFlags = testRows.Select(row => isAnomaly[row]).ToArray();
        var testAnomalies = testFlags.Count(flag => flag);
        if (testAnomalies == 0 || testAnomalies == testFlags.Length || trainRows.Length <= options.Neighbours)
        {
            throw new DataInputException(string.Create(CultureInfo.InvariantCulture,
                $"{path}: split {run + 1} (seed {seed}) has {trainRows.Length} training rows and a test part of {testFlags.Length} rows with {testAnomalies} anomalies; " +
                $"the benchmark needs more than {options.Neighbours} training rows and both normal rows and anomalies in each test part: use more rows or another --train-fraction"));
        }

        // The autoencoder is the detector the train verb fits: raw rows in, its own standard scaler, score and thresholds.
        var rawTrain = rows.index_select(0, tensor(trainRows));
        var rawTest = rows.index_select(0, tensor(testRows));
        using var trained = TrainDetector(path, table, rawTrain, options, modelOptions, training, observer, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var scaler = trained.Scaler!;
        var train = scaler.Transform(rawTrain);
        var test = scaler.Transform(rawTest);
        var network = trained.Model;
        var scores = new Dictionary<string, DetectorScores>
        {
            ["autoencoder"] = new([.. trained.AnomalyScore!.TrainingScores], trained.Score(rawTest)),
        };
        foreach (var kind in OtherScores(options))
        {
            scores[$"autoencoder-{AnomalyScoreKinds.Name(kind)}"] = AutoencoderScores(network, train, test, kind, options.Neighbours, training.Seed);
        }

        scores["pca"] = BaselineDetectors.PcaReconstruction(train, test, modelOptions.LatentSize);
        scores["pca-pyod"] = BaselineDetectors.PyodPca(train, test);
        scores["knn"] = BaselineDetectors.KnnDistance(train, test, options.Neighbours);
        var names = MethodNames(options);
        var results = names.Select(name => Evaluate(name, scores[name], testFlags, options.Contamination)).ToList();
        var curves = run == 0
            ? names.Select(name => new BenchmarkCurves(name, RocCurve.Compute(scores[name].Test, testFlags), PrecisionRecallCurve.Compute(scores[name].Test, testFlags))).ToList()
            : [];
        var explanations = run == 0
            ? AnomalyExplanation.WorstRows(network, test, scores["autoencoder"].Test, table.FeatureNames, options.ExplainedRows, scaler: scaler,
                rowNumbers: testRows, isAnomaly: testFlags)
            : [];
        var split = new BenchmarkSplit(run, seed, trainRows.Length, testRows.Length, testAnomalies, results, testRows);
        return new SplitOutcome(split, explanations, curves);
    }

    private static DetectorScores AutoencoderScores(Autoencoder network, Tensor train, Tensor test, AnomalyScoreKind kind, int neighbours, long seed)
    {
        using var score = FittedScore.Fit(network, train, AnomalyScoreKinds.Name(kind), neighbours, seed);
        return new DetectorScores([.. score.TrainingScores], score.Score(test));
    }

    /// <summary>
    /// The detector of one split, fitted exactly as <see cref="ModelTraining.Train"/> fits it for the train verb: on the
    /// split's raw training rows (unlabelled), standardised with their own statistics, every row trained on (no
    /// validation), with the benchmark's score. Saved and loaded again, it scores the split's test rows bit-identically.
    /// </summary>
    public static TrainedModel TrainDetector(string path, CsvTable table, Tensor rawTrain, AnomalyBenchmarkOptions options, ModelOptions model,
        TrainingOptions training, PipelineObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rawTrain);
        ArgumentNullException.ThrowIfNull(options);
        observer ??= PipelineObserver.Silent;
        var scaler = new FeatureScaler(ScalingKind.Standard).Fit(rawTrain);
        var scaled = scaler.Transform(rawTrain);
        var columns = table.FeatureNames;
        using var data = new Dataset(Path.GetFileNameWithoutExtension(path), path, scaled, null, scaled.narrow(0, 0, 0).clone(), null, null)
        {
            Scaler = scaler,
            FeatureNames = columns,
        };
        data.Recipe = new DataRecipe(path, Path.GetFullPath(path), DataRecipe.Sha256Of(path), DataFormat.Table, [columns.Count],
            new DatasetLoadOptions { LabelColumn = options.LabelColumn, Scaling = ScalingKind.Standard }, [.. columns], scaler.State, null);
        var detector = new DetectorOptions(AnomalyScoreKinds.Name(options.Score), options.Neighbours);
        return observer.Training(progress => ModelTraining.Train(data, model, training, new TrainingSelection(ValidationFraction: 0), progress,
            detector: detector, cancellationToken: cancellationToken));
    }

    private static SplitResult Evaluate(string name, DetectorScores scores, bool[] testFlags, double contamination)
    {
        var rules = AnomalyThresholds.All(scores.Training, trainingContamination: contamination).Append(AnomalyThresholds.F1Max(scores.Test, testFlags));
        var f1 = rules.ToDictionary(rule => rule.Name, rule => ClassificationMetrics.At(scores.Test, testFlags, rule.Value).F1, StringComparer.Ordinal);
        return new SplitResult(name, RocCurve.Compute(scores.Test, testFlags).Auc, PrecisionRecallCurve.Compute(scores.Test, testFlags).AveragePrecision, f1);
    }

    private static List<BenchmarkMethod> Summaries(List<BenchmarkSplit> splits, ModelOptions model, AnomalyBenchmarkOptions options, int features)
    {
        var descriptions = new Dictionary<string, string>
        {
            ["autoencoder-mse"] = "the same autoencoder, scored by reconstruction error only",
            ["autoencoder-mse+centre"] = "the same autoencoder, scored by reconstruction error + the reconstruction's distance from the training centre",
            ["autoencoder-centre+knn"] = string.Create(CultureInfo.InvariantCulture, $"the same autoencoder, scored by distance from the centre + ½ distance to the {options.Neighbours}th nearest training code"),
            ["autoencoder"] = string.Create(CultureInfo.InvariantCulture,
                $"{model.Kind.ToString().ToLowerInvariant()} autoencoder {features}-{string.Join("-", model.EffectiveHiddenSizes)}{(model.EffectiveHiddenSizes.Count > 0 ? "-" : "")}{model.LatentSize}, trained without labels; score {AnomalyScoreKinds.Name(options.Score)}"),
            ["pca"] = string.Create(CultureInfo.InvariantCulture, $"PCA reconstruction error, {model.LatentSize} components"),
            ["pca-pyod"] = string.Create(CultureInfo.InvariantCulture, $"PyOD's PCA detector: distances to all {features} principal axes, weighted by 1 / explained-variance share"),
            ["knn"] = string.Create(CultureInfo.InvariantCulture, $"distance to the {options.Neighbours}th nearest training row (PyOD's KNN, method 'largest')"),
        };
        return [.. MethodNames(options).Select(name =>
        {
            var results = splits.Select(split => split.Methods.First(method => method.Name == name)).ToList();
            var rules = results[0].F1.Keys.ToList();
            return new BenchmarkMethod(name, descriptions[name],
                MeanAndSd.Of([.. results.Select(result => result.RocAuc)]),
                MeanAndSd.Of([.. results.Select(result => result.AveragePrecision)]),
                [.. rules.Select(rule =>
                {
                    var f1 = MeanAndSd.Of([.. results.Select(result => result.F1[rule])]);
                    return new RuleF1(rule, f1.Mean, f1.Sd);
                })]);
        })];
    }

    private static bool[] BinaryLabels(CsvTable table, string path)
    {
        var column = table.LabelColumn!;
        if (table.ClassNames is { } names)
        {
            throw new DataInputException(
                $"{path}: the label column '{column}' holds text ({string.Join(", ", names.Take(3).Select(name => $"'{name}'"))}{(names.Count > 3 ? ", …" : "")}); an anomaly benchmark needs 0 for a normal row and 1 for an anomaly");
        }

        var labels = table.Labels!;
        var values = labels.Distinct().Order().ToList();
        if (values.Any(value => value is not (0 or 1)))
        {
            throw new DataInputException(
                $"{path}: the label column '{column}' holds the values {string.Join(", ", values.Take(6))}{(values.Count > 6 ? ", …" : "")}; an anomaly benchmark needs 0 for a normal row and 1 for an anomaly");
        }

        if (values.Count < 2)
        {
            throw new DataInputException(values[0] == 0
                ? $"{path}: the label column '{column}' marks no row as an anomaly (all {labels.Count} are 0); ROC AUC needs both normal rows (0) and anomalies (1)"
                : $"{path}: the label column '{column}' marks every row as an anomaly (all {labels.Count} are 1); ROC AUC needs both normal rows (0) and anomalies (1)");
        }

        return [.. labels.Select(label => label == 1)];
    }
}
