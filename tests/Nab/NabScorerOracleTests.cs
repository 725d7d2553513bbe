using System.Globalization;
using System.Text.Json;
using Autoencoders.Evaluation.Nab;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Nab;

/// <summary>
/// The scorer against NAB's own published output: two detectors' per-row results (numenta, windowedGaussian) rescored
/// give the scoreboard's numbers (results/final_results.json) and the per-row S(t) columns of the files.
/// </summary>
public sealed class NabScorerOracleTests
{
    private static readonly Lazy<NabCorpus> Corpus = new(() => NabCorpus.Read(Path.Combine(RepositoryPaths.Root, "data", "nab-corpus")));

    [NabOracleTheory]
    [InlineData("numenta")]
    [InlineData("windowedGaussian")]
    public void Rescoring_a_published_detector_gives_its_scoreboard_numbers_within_0_1(string detector)
    {
        var (name, detections) = NabResults.Read(Path.Combine(NabOracle.Results!, detector), Corpus.Value);
        using var board = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "data", "nab-corpus", "results", "final_results.json")));

        var scores = NabScorer.Score(detections, NabProfile.Published);

        Assert.Equal(detector, name);
        Assert.Equal(58, detections.Count);
        foreach (var score in scores)
        {
            var published = board.RootElement.GetProperty(detector).GetProperty(score.Profile.Name).GetDouble();
            // The scoreboard prints one decimal; the issue asks for agreement within 0.1.
            Assert.True(Math.Abs(score.Normalised - published) < 0.1, $"{detector} {score.Profile.Name}: {score.Normalised:R} vs published {published:R} (threshold {score.Threshold:R}, raw {score.RawScore:R})");
            // The null detector scores minus the false-negative weight per window, and a perfect one the true-positive weight.
            Assert.Equal(-116 * score.Profile.FalseNegativeWeight, score.NullScore, 9);
            Assert.Equal(116 * score.Profile.TruePositiveWeight, score.PerfectScore, 9);
        }
    }

    [NabOracleTheory]
    [InlineData("numenta")]
    [InlineData("windowedGaussian")]
    public void Each_rows_S_t_is_what_the_published_files_give_at_the_published_threshold(string detector)
    {
        var (_, detections) = NabResults.Read(Path.Combine(NabOracle.Results!, detector), Corpus.Value);
        var compared = 0;
        var nonZero = 0;

        foreach (var profile in NabProfile.Published)
        {
            var threshold = PublishedThreshold(detector, profile);
            foreach (var entry in detections)
            {
                var expected = PublishedColumn(Path.Combine(NabOracle.Results!, detector, entry.Series.Category, $"{detector}_{entry.Series.Name}.csv"), $"S(t)_{profile.Name}");

                var actual = NabScorer.RowScores(entry, profile, threshold);

                for (var row = 0; row < actual.Length; row++)
                {
                    // The files print 12 significant digits.
                    Assert.True(Math.Abs(actual[row] - expected[row]) < 1e-9,
                        $"{entry.Series.RelativePath} {profile.Name} row {row} ({entry.Series.Timestamps.Texts[row]}): S(t) {actual[row]:R}, published {expected[row]:R}");
                }

                compared += actual.Length;
                nonZero += expected.Count(value => value != 0);
            }
        }

        Assert.Equal(3 * 365_558, compared);
        Assert.True(nonZero > 3 * 116, $"only {nonZero} non-zero S(t) values compared");
    }

    // The threshold NAB used for the S(t) columns: the first row of <detector>_<profile>_scores.csv.
    private static double PublishedThreshold(string detector, NabProfile profile)
    {
        var lines = File.ReadAllLines(Path.Combine(NabOracle.Results!, detector, $"{detector}_{profile.Name}_scores.csv"));
        return double.Parse(lines[1].Split(',')[3], CultureInfo.InvariantCulture);
    }

    private static double[] PublishedColumn(string path, string column)
    {
        var lines = File.ReadAllLines(path).Where(line => line.Length > 0).ToArray();
        var index = Array.IndexOf(lines[0].Split(','), column);
        Assert.True(index >= 0, $"{path} has no column {column}");
        return lines.Skip(1).Select(line => double.Parse(line.Split(',')[index], CultureInfo.InvariantCulture)).ToArray();
    }
}
