using System.Globalization;
using Autoencoders.Tests.Pipeline;
using Autoencoders.Tests.Support;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Autoencoders.Tests.Onnx;

/// <summary>docs/onnx.md's ML.NET example: a CSV scored inside an ML.NET pipeline with ApplyOnnxModel, as 'score' scores it.</summary>
public sealed class MlNetExampleTests(TabularModelFixture model) : IClassFixture<TabularModelFixture>
{
    [Fact]
    public void An_ML_NET_pipeline_with_ApplyOnnxModel_scores_a_CSV_as_the_score_verb_does()
    {
        using var folder = new TempFolder();
        var onnx = folder.File("detector.onnx");
        Assert.Equal(0, CliTests.Run("export", "--checkpoint", model.Checkpoint, "--format", "onnx", "--out", onnx).Code);
        var csv = folder.Write("new.csv", TabularModelFixture.Table(rows: 40, seed: 2, scale: 1, columns: ["a", "b", "c", "d", "label"])
            + TabularModelFixture.Table(rows: 10, seed: 3, scale: 10, columns: ["a", "b", "c", "d", "label"]).Split('\n', 2)[1]);
        var scored = CliTests.Run("score", "--checkpoint", model.Checkpoint, "--input", csv, "--out", folder.File("torch.csv"));
        Assert.True(scored.Code == 0, scored.Errors);

        // The example as docs/onnx.md shows it.
        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromTextFile<Row>(csv, separatorChar: ',', hasHeader: true);
        var pipeline = ml.Transforms.Concatenate("input", nameof(Row.A), nameof(Row.B), nameof(Row.C), nameof(Row.D))
            .Append(ml.Transforms.ApplyOnnxModel(outputColumnNames: ["score", "anomaly"], inputColumnNames: ["input"], modelFile: onnx));
        var predictions = pipeline.Fit(data).Transform(data);
        var rows = ml.Data.CreateEnumerable<Prediction>(predictions, reuseRowObject: false).ToList();

        var expected = File.ReadAllLines(folder.File("torch.csv")).Skip(1).Select(line => line.Split(','))
            .Select(fields => (Score: double.Parse(fields[1], CultureInfo.InvariantCulture), Flag: fields[2] == "1")).ToList();
        Assert.Equal(expected.Count, rows.Count);
        for (var row = 0; row < rows.Count; row++)
        {
            // Float32 layers summed in another order by each runtime, scores summed in float64: about 1e-6 relative.
            AssertClose.Relative(expected[row].Score, rows[row].Score.Single(), 1e-5, $"row {row}'s score");
        }

        Assert.Equal(expected.Select(row => row.Flag), rows.Select(row => row.Anomaly.Single()));
        Assert.Contains(true, rows.Select(row => row.Anomaly.Single()));
    }

    /// <summary>A row of the CSV: the training columns by position (a, b, c, d, label).</summary>
    public sealed class Row
    {
        [LoadColumn(0)]
        public float A { get; set; }

        [LoadColumn(1)]
        public float B { get; set; }

        [LoadColumn(2)]
        public float C { get; set; }

        [LoadColumn(3)]
        public float D { get; set; }
    }

    /// <summary>What the detector adds to each row: its score and its flag (one value each).</summary>
    public sealed class Prediction
    {
        [ColumnName("score")]
        public double[] Score { get; set; } = [];

        [ColumnName("anomaly")]
        public bool[] Anomaly { get; set; } = [];
    }
}
