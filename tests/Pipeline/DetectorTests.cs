using System.Globalization;
using System.Text;
using Autoencoders.Checkpoints;
using Autoencoders.Data;
using Autoencoders.Data.Tabular;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Models;
using Autoencoders.Pipeline;
using Autoencoders.Tests.Support;
using Autoencoders.Training;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Pipeline;

/// <summary>The fitted detector is one object: what is saved scores as what was fitted, and the benchmarks measure it.</summary>
public sealed class DetectorTests : IDisposable
{
    private readonly TempFolder _out = new();

    public void Dispose() => _out.Dispose();

    [Theory]
    [InlineData("mse")]
    [InlineData("mse+centre")]
    [InlineData("centre+knn")]
    public void A_table_detector_saved_and_loaded_scores_new_rows_with_the_same_bits(string score)
    {
        using var data = Datasets.Load(Path.Combine(RepositoryPaths.Root, "data", "odds", "cardio.csv"), new DatasetLoadOptions { LabelColumn = "label" });
        using var trained = ModelTraining.Train(data, TabularDefaults.Model((int)data.FeatureCount), new TrainingOptions(Epochs: 2, BatchSize: 64),
            new TrainingSelection(ValidationFraction: 0), detector: new DetectorOptions(score));
        using var raw = trained.Unprepare(data.TestFeatures);
        var fitted = trained.Score(raw);
        trained.Save(_out.Path);

        using var loaded = TrainedModel.Load(_out.Path);

        Assert.Equal(score, loaded.ScoreKind);
        Assert.Equal(fitted, loaded.Score(raw));
        Assert.Equal(trained.Thresholds!.Default.Value, loaded.Thresholds!.Default.Value);
        Assert.Equal(score, loaded.Thresholds.Score);
    }

    [Theory]
    [InlineData("ssim+latent")]
    [InlineData("blurred-mse")]
    public void An_image_detector_saved_and_loaded_scores_new_images_with_the_same_bits(string score)
    {
        using var data = Datasets.Load("digits");
        using var trained = ModelTraining.Train(data, new ModelOptions(ModelKind.Conv, LatentSize: 8), new TrainingOptions(Epochs: 1, BatchSize: 256),
            new TrainingSelection(ValidationFraction: 0, NormalClass: 3), detector: new DetectorOptions(score));
        using var test = data.TestFeatures.narrow(0, 0, 300);
        var fitted = trained.Score(test);
        trained.Save(_out.Path);

        using var loaded = TrainedModel.Load(_out.Path);

        Assert.Equal(fitted, loaded.Score(test));
        Assert.Equal(trained.AnomalyScore!.TrainingScores, loaded.AnomalyScore!.TrainingScores);
    }

    [Fact]
    public void The_tabular_benchmark_measures_the_detector_a_user_saves_and_loads()
    {
        var cardio = Path.Combine(RepositoryPaths.Root, "data", "odds", "cardio.csv");
        var options = new AnomalyBenchmarkOptions { LabelColumn = "label", Splits = 1, Training = TabularDefaults.Training with { Epochs = 3 } };
        var report = AnomalyBenchmark.RandomSplits(cardio, options);

        // The benchmark's split 0, rebuilt as it builds it, and its detector fitted, saved and loaded as a user would.
        var table = CsvTable.Read(cardio, "label");
        using var rows = table.ToFeatureTensor();
        var (trainRows, testRows) = Autoencoders.Data.Preprocessing.DataSplit.Indices(table.RowCount, 1 - options.TrainFraction, options.Seed);
        using var rawTrain = rows.index_select(0, tensor(trainRows));
        using var rawTest = rows.index_select(0, tensor(testRows));
        var model = TabularDefaults.Model(table.FeatureNames.Count);
        using (var fitted = AnomalyBenchmark.TrainDetector(cardio, table, rawTrain, options, model, options.Training! with { Seed = options.Seed }))
        {
            fitted.Save(_out.Path);
        }

        using var loaded = TrainedModel.Load(_out.Path);
        var isAnomaly = testRows.Select(row => table.Labels![(int)row] == 1).ToArray();

        Assert.Equal(report.Splits[0].Methods.First(method => method.Name == "autoencoder").RocAuc, RocCurve.Compute(loaded.Score(rawTest), isAnomaly).Auc);
    }

    [Fact]
    public void The_one_class_benchmark_measures_the_detector_trained_on_one_normal_class()
    {
        using var data = Datasets.Load("digits");
        var options = new OneClassOptions(Training: new TrainingOptions(Epochs: 1, BatchSize: 64), Seeds: 1, Classes: [7]);
        var result = OneClassBenchmark.Run(data, options);

        // What train --normal-class 7 fits (model, training, no validation, score), saved and loaded.
        using (var fitted = ModelTraining.Train(data, OneClassOptions.DefaultModel, options.Training! with { Seed = 1 },
            new TrainingSelection(ValidationFraction: 0, NormalClass: 7), detector: new DetectorOptions("ssim+latent")))
        {
            fitted.Save(_out.Path);
        }

        using var loaded = TrainedModel.Load(_out.Path);
        var isAnomaly = data.TestLabels!.data<long>().ToArray().Select(label => label != 7).ToArray();

        Assert.Equal(result.PerClass[0].Methods[0].RocAuc.PerSeed[0], RocCurve.MannWhitneyAuc(loaded.Score(data.TestFeatures), isAnomaly));
    }

    [Fact]
    public void Train_with_default_options_flags_planted_extreme_rows_and_names_the_row_number_column_it_left_out()
    {
        var csv = PlantedTable(_out.File("planted.csv"), rows: 400, planted: [50, 170, 333]);

        var (code, output, errors) = CliTests.Run("train", "--dataset", csv, "--threads", "1", "--epochs", "20", "--out", _out.File("model"));
        Assert.True(code == 0, errors);
        Assert.Contains("column 'row' steps by the same amount from row to row", System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " "), StringComparison.Ordinal);
        var metadata = Checkpoint.ReadMetadata(_out.File("model"));
        Assert.Equal(["a", "b", "c", "d"], metadata.Recipe!.Columns);
        Assert.Equal("mse+centre", metadata.Score!.Kind);

        (code, _, errors) = CliTests.Run("score", "--checkpoint", _out.File("model"), "--input", csv, "--threads", "1", "--explain", "3", "--out", _out.File("scores.csv"));
        Assert.True(code == 0, errors);
        var rows = File.ReadAllLines(_out.File("scores.csv")).Skip(1).Select(line => line.Split(',', 4)).ToList();
        var flagged = rows.Where(fields => fields[2] == "1").Select(fields => int.Parse(fields[0], CultureInfo.InvariantCulture)).ToList();
        Assert.Subset(flagged.ToHashSet(), new HashSet<int> { 50, 170, 333 });
        Assert.True(flagged.Count < 20, $"{flagged.Count} of 400 rows flagged");

        // The planted column comes first in each planted row's explanation, with its value and reconstruction.
        foreach (var row in new[] { 50, 170, 333 })
        {
            Assert.StartsWith("c: 9 → ", rows[row][3], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Contamination_makes_the_default_threshold_flag_that_share_of_the_training_rows()
    {
        var csv = PlantedTable(_out.File("table.csv"), rows: 400, planted: []);

        var (code, _, errors) = CliTests.Run("train", "--dataset", csv, "--threads", "1", "--epochs", "5", "--contamination", "0.05", "--out", _out.File("model"));

        Assert.True(code == 0, errors);
        using var trained = TrainedModel.Load(_out.File("model"));
        var scores = trained.AnomalyScore!.TrainingScores;
        var flagged = scores.Count(score => score > trained.Thresholds!.Default.Value);
        Assert.Equal("top5%", trained.Thresholds!.Default.Name);
        Assert.InRange(flagged, (int)Math.Floor(0.05 * scores.Count) - 1, (int)Math.Ceiling(0.05 * scores.Count));
        Assert.Equal(trained.Thresholds.Default.Value, trained.Threshold("top5%").Value);
        Assert.True(trained.Threshold("top20%").Value < trained.Threshold("top5%").Value);
    }

    [Fact]
    public void An_older_checkpoint_without_a_saved_score_loads_and_scores_by_mse()
    {
        using var data = Datasets.Load("digits");
        using (var trained = ModelTraining.Train(data, new ModelOptions(ModelKind.Dense, LatentSize: 4), new TrainingOptions(Epochs: 1, BatchSize: 512),
            detector: new DetectorOptions()))
        {
            trained.Save(_out.Path);
        }

        // A format-2 checkpoint: no score, thresholds fitted on MSE.
        var json = File.ReadAllText(_out.File(Checkpoint.MetadataFileName));
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove("score");
        node["formatVersion"] = 2;
        File.WriteAllText(_out.File(Checkpoint.MetadataFileName), node.ToJsonString());

        using var loaded = TrainedModel.Load(_out.Path);
        using var test = data.TestFeatures.narrow(0, 0, 50);

        Assert.Null(loaded.AnomalyScore);
        Assert.Equal("mse", loaded.ScoreKind);
        Assert.Equal(AnomalyScores.Compute(loaded.Model, test), loaded.Score(test));
        Assert.Throws<DataInputException>(() => loaded.Threshold("top5%"));
    }

    // Four correlated columns after a row number; planted rows far outside the cloud in column c.
    private static string PlantedTable(string path, int rows, int[] planted)
    {
        var random = new Random(3);
        var text = new StringBuilder("row,a,b,c,d\n");
        for (var row = 0; row < rows; row++)
        {
            var t = (random.NextDouble() * 2) - 1;
            var c = planted.Contains(row) ? 9.0 : (0.5 * t) + (0.05 * random.NextDouble());
            text.Append(CultureInfo.InvariantCulture, $"{row},{t:F4},{-t + (0.05 * random.NextDouble()):F4},{c:F4},{(2 * t) + (0.05 * random.NextDouble()):F4}\n");
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }
}
