using System.Globalization;
using System.Text;
using Autoencoders.Data;
using Autoencoders.Evaluation.Nab;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Nab;

/// <summary>NAB's scoring rules on small corpora whose scores can be worked out by hand.</summary>
public sealed class NabScorerTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void The_scaled_sigmoid_has_the_values_NAB_documents()
    {
        // NAB's sweeper.py docstring: -1 → 0.98661, -0.5 → 0.84828, 0 → 0, 1 → -0.98661, beyond 3 → -1.
        Assert.Equal(0.98661, NabSweep.ScaledSigmoid(-1.0), 5);
        Assert.Equal(0.84828, NabSweep.ScaledSigmoid(-0.5), 5);
        Assert.Equal(0.0, NabSweep.ScaledSigmoid(0.0), 12);
        Assert.Equal(-0.98661, NabSweep.ScaledSigmoid(1.0), 5);
        Assert.Equal(-1.0, NabSweep.ScaledSigmoid(3.5));
    }

    [Theory]
    [InlineData(4032, 604)]
    [InlineData(100, 15)]
    [InlineData(22695, 750)]
    public void The_probationary_period_is_15_percent_of_the_rows_and_at_most_750(int rows, int expected) =>
        Assert.Equal(expected, NabSweep.ProbationLength(rows));

    [Fact]
    public void A_detection_on_a_windows_first_row_scores_100_and_no_detection_0()
    {
        var corpus = OneFileCorpus(rows: 100, windowFirst: 50, windowLast: 59);
        var series = corpus.Series[0];

        var perfect = NabScorer.Score([new NabDetections(series, Scores(100, (50, 1.0)))], NabProfile.Standard);
        var silent = NabScorer.Score([new NabDetections(series, Scores(100))], NabProfile.Standard);

        Assert.Equal(1.0, perfect.Threshold);
        Assert.Equal(1.0, perfect.RawScore, 12);
        Assert.Equal(-1.0, perfect.NullScore, 12);
        Assert.Equal(100.0, perfect.Normalised, 9);
        Assert.Equal(0.0, silent.Normalised, 9);
        Assert.Equal([50], perfect.Files[0].Detections);
        Assert.Equal(1, perfect.Files[0].DetectedWindows);
    }

    [Fact]
    public void A_late_detection_earns_the_scaled_sigmoid_of_its_place_and_a_false_positive_costs_by_its_distance()
    {
        var series = OneFileCorpus(rows: 100, windowFirst: 50, windowLast: 59).Series[0];
        // Row 54 is the fifth of a 10-row window: position -(59 - 54 + 1) / 10 = -0.6. Row 70 is 11 rows past the
        // window's last row: position 11 / (10 - 1). Row 20 precedes every window: a full false positive.
        var detections = new NabDetections(series, Scores(100, (54, 0.9), (70, 0.9), (20, 0.9)));

        var score = NabScorer.Score([detections], NabProfile.Standard);
        var rows = NabScorer.RowScores(detections, NabProfile.Standard, 0.9);

        var truePositive = NabSweep.ScaledSigmoid(-0.6) / NabSweep.ScaledSigmoid(-1.0);
        var late = 0.11 * NabSweep.ScaledSigmoid(11.0 / 9);
        Assert.Equal(0.9, score.Threshold);
        Assert.Equal(truePositive + late - 0.11, score.RawScore, 12);
        Assert.Equal(truePositive, rows[50], 12);
        Assert.Equal(late, rows[70], 12);
        Assert.Equal(-0.11, rows[20], 12);
        Assert.Equal(score.RawScore, rows.Sum(), 12);
        Assert.Equal(3, rows.Count(value => value != 0));
    }

    [Fact]
    public void Only_the_best_detection_of_a_window_counts_and_the_probationary_rows_never_do()
    {
        var series = OneFileCorpus(rows: 100, windowFirst: 50, windowLast: 59).Series[0];
        var early = new NabDetections(series, Scores(100, (5, 1.0), (52, 1.0), (55, 1.0), (58, 1.0)));

        var score = NabScorer.Score([early], NabProfile.Standard);

        Assert.Equal(NabSweep.ScaledSigmoid(-0.8) / NabSweep.ScaledSigmoid(-1.0), score.RawScore, 12);
        Assert.Equal([52, 55, 58], score.Files[0].Detections);
        Assert.Equal(0, score.Files[0].FalsePositives);
    }

    [Fact]
    public void The_threshold_is_the_one_with_the_best_corpus_score_and_a_tie_keeps_the_higher()
    {
        var series = OneFileCorpus(rows: 100, windowFirst: 50, windowLast: 59).Series[0];
        // At 0.8 the window is caught; lowering to 0.6 adds two false positives; 0.7 adds nothing (no row has it).
        var detections = new NabDetections(series, Scores(100, (50, 0.8), (30, 0.6), (80, 0.6)));

        var (threshold, raw) = NabScorer.BestThreshold([detections], NabProfile.RewardLowFalsePositives);

        Assert.Equal(0.8, threshold);
        Assert.Equal(1.0, raw, 12);
    }

    [Fact]
    public void A_window_counts_rows_from_the_first_row_of_its_start_time_even_when_times_repeat()
    {
        var text = new StringBuilder("timestamp,value\n");
        for (var row = 0; row < 100; row++)
        {
            // Row 54 repeats row 53's time: the window 50..59 still spans 10 rows of the file.
            var minutes = 5 * (row == 54 ? 53 : row);
            text.Append(CultureInfo.InvariantCulture, $"{new DateTime(2014, 4, 1).AddMinutes(minutes):yyyy-MM-dd HH:mm:ss},{row}\n");
        }

        var corpus = Corpus(text.ToString(), 50, 59);
        var detections = new NabDetections(corpus.Series[0], Scores(100, (55, 1.0)));

        var score = NabScorer.Score([detections], NabProfile.Standard);

        Assert.Equal(NabSweep.ScaledSigmoid(-0.5) / NabSweep.ScaledSigmoid(-1.0), score.RawScore, 12);
    }

    [Fact]
    public void Results_are_written_in_NABs_layout_and_read_back_to_the_same_score()
    {
        var corpus = OneFileCorpus(rows: 100, windowFirst: 50, windowLast: 59);
        var scores = Scores(100, (51, 0.75), (90, 0.5));
        var results = folder.File("results");

        var path = NabResults.Write(results, "ours", corpus.Series[0], scores);
        var (detector, read) = NabResults.Read(Path.Combine(results, "ours"), corpus);

        Assert.Equal(Path.Combine(results, "ours", "realTest", "ours_series.csv"), path);
        Assert.Equal("timestamp,value,anomaly_score", File.ReadLines(path).First());
        Assert.Equal("ours", detector);
        Assert.Equal(scores, Assert.Single(read).Scores);
    }

    [Theory]
    [InlineData("1.5", "line 3: the anomaly score '1.5' is not a number in [0, 1]")]
    [InlineData("x", "line 3: the anomaly score 'x' is not a number in [0, 1]")]
    public void A_results_file_with_a_bad_score_is_refused_with_its_line(string bad, string expected)
    {
        var corpus = OneFileCorpus(rows: 100, windowFirst: 50, windowLast: 59);
        var path = NabResults.Write(folder.File("results"), "ours", corpus.Series[0], Scores(100));
        var lines = File.ReadAllLines(path);
        lines[2] = string.Join(',', lines[2].Split(',')[..2]) + "," + bad;
        File.WriteAllLines(path, lines);

        var error = Assert.Throws<DataInputException>(() => NabResults.Read(folder.File("results"), corpus));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_label_whose_end_is_not_a_timestamp_of_the_file_is_refused()
    {
        var text = "timestamp,value\n" + string.Concat(Enumerable.Range(0, 20).Select(row => $"2014-04-01 00:{row:00}:00,{row}\n"));
        var root = folder.File("bad");
        Directory.CreateDirectory(Path.Combine(root, "data", "realTest"));
        Directory.CreateDirectory(Path.Combine(root, "labels"));
        File.WriteAllText(Path.Combine(root, "data", "realTest", "series.csv"), text);
        File.WriteAllText(Path.Combine(root, "labels", "combined_windows.json"), """{"realTest/series.csv": [["2014-04-01 00:05:00.000000", "2014-04-01 00:30:00.000000"]]}""");

        var error = Assert.Throws<DataInputException>(() => NabCorpus.Read(root));

        Assert.Contains("is not a timestamp of the file", error.Message, StringComparison.Ordinal);
    }

    private NabCorpus OneFileCorpus(int rows, int windowFirst, int windowLast)
    {
        var text = "timestamp,value\n" + string.Concat(Enumerable.Range(0, rows).Select(row =>
            string.Create(CultureInfo.InvariantCulture, $"{new DateTime(2014, 4, 1).AddMinutes(5 * row):yyyy-MM-dd HH:mm:ss},{row}\n")));
        return Corpus(text, windowFirst, windowLast);
    }

    private NabCorpus Corpus(string text, int windowFirst, int windowLast)
    {
        var root = folder.File("corpus");
        Directory.CreateDirectory(Path.Combine(root, "data", "realTest"));
        Directory.CreateDirectory(Path.Combine(root, "labels"));
        File.WriteAllText(Path.Combine(root, "data", "realTest", "series.csv"), text);
        var times = text.Split('\n')[1..].Select(line => line.Split(',')[0]).ToArray();
        File.WriteAllText(Path.Combine(root, "labels", "combined_windows.json"),
            $$"""{"realTest/series.csv": [["{{times[windowFirst]}}.000000", "{{times[windowLast]}}.000000"]]}""");
        return NabCorpus.Read(root);
    }

    private static double[] Scores(int rows, params (int Row, double Score)[] marks)
    {
        var scores = new double[rows];
        foreach (var (row, score) in marks)
        {
            scores[row] = score;
        }

        return scores;
    }
}
