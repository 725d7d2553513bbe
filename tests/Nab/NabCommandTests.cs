using System.Globalization;
using System.Text.Json;
using Autoencoders.Evaluation.Nab;
using Autoencoders.Streaming;
using Autoencoders.Tests.Support;
using TorchSharp;

namespace Autoencoders.Tests.Nab;

/// <summary><c>nab run</c> and <c>nab score</c> on a slice of the corpus (two files, two epochs).</summary>
public sealed class NabCommandTests : IDisposable
{
    private const string Slice = "art_daily_jumpsup,art_daily_no_noise";
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static string Corpus => Path.Combine(RepositoryPaths.Root, "data", "nab-corpus");

    [Fact]
    public void Nab_run_writes_NABs_layout_scores_it_and_nab_score_gives_the_same_numbers()
    {
        var run = CliTests.Run("nab", "run", "--corpus", Corpus, "--files", Slice, "--epochs", "2", "--out", folder.File("run"));
        var score = CliTests.Run("nab", "score", "--corpus", Corpus, "--files", Slice, "--results", folder.File("run/autoencoder"), "--out", folder.File("score"));

        Assert.True(run.Code == 0, run.Errors + run.Output);
        Assert.True(score.Code == 0, score.Errors + score.Output);
        var results = folder.File("run/autoencoder/artificialWithAnomaly/autoencoder_art_daily_jumpsup.csv");
        var lines = File.ReadAllLines(results);
        Assert.Equal("timestamp,value,anomaly_score", lines[0]);
        Assert.Equal(4033, lines.Length);
        var scores = lines[1..].Select(line => double.Parse(line.Split(',')[2], CultureInfo.InvariantCulture)).ToArray();
        Assert.All(scores, value => Assert.InRange(value, 0.0, 1.0));
        // The probationary rows (15 % of 4032) are where it learns: no score there, one after.
        Assert.All(scores[..604], value => Assert.Equal(0.0, value));
        Assert.All(scores[604..], value => Assert.True(value > 0));
        var fromRun = NabReport.Load(folder.File("run/nab.json"));
        var fromScore = NabReport.Load(folder.File("score/nab.json"));
        Assert.Equal(2, fromRun.Files);
        Assert.Equal(["standard", "reward_low_FP_rate", "reward_low_FN_rate"], fromRun.Profiles.Select(profile => profile.Profile));
        Assert.Equal(fromRun.Profiles.Select(profile => profile.Score), fromScore.Profiles.Select(profile => profile.Score));
        Assert.Equal(70.1, fromRun.Scoreboard["numenta"]["standard"], 1);
        Assert.Contains("autoencoder (ours)", run.Output, StringComparison.Ordinal);
        Assert.Contains("numenta", run.Output, StringComparison.Ordinal);
        Assert.Contains("note: 2 files scored, not the whole corpus", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(folder.File("run/nab.html")));
        Assert.True(File.Exists(folder.File("score/nab.html")));
    }

    [Fact]
    public void The_online_detector_scores_a_row_from_the_past_only_and_repeats_with_its_seed()
    {
        var values = Enumerable.Range(0, 400).Select(i => (float)Math.Sin(i * 2 * Math.PI / 24)).ToArray();
        var changed = values.ToArray();
        changed[300] += 5;
        var options = new OnlineDetectorOptions(Window: 16, Epochs: 2);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        var first = OnlineWindowDetector.Run(values, 60, options);
        var again = OnlineWindowDetector.Run(values, 60, options);
        var future = OnlineWindowDetector.Run(changed, 60, options);

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.Equal(first, again);
        // A change at row 300 leaves every earlier score as it was, and shows at row 300 itself.
        Assert.Equal(first[..300], future[..300]);
        Assert.True(future[300] > first[300]);
        Assert.All(first[..60], value => Assert.Equal(0.0, value));
        Assert.All(first[60..], value => Assert.InRange(value, 0.0, 1.0));
    }

    [Fact]
    public void Rows_fed_one_at_a_time_score_as_the_whole_series_does_in_batches()
    {
        var values = Enumerable.Range(0, 300).Select(i => (float)(Math.Sin(i * 2 * Math.PI / 24) + (i == 250 ? 4 : 0))).ToArray();
        var options = new OnlineDetectorOptions(Window: 16, Epochs: 2, Suppress: 20);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        var batch = OnlineWindowDetector.Run(values, 60, options);
        double[] streamed;
        using (var detector = OnlineWindowDetector.Learn(values[..60], options))
        {
            streamed = [.. values[60..].Select(detector.Next)];
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        // One window per forward pass against batches of them: float32 convolutions may round differently (1e-6).
        for (var row = 60; row < values.Length; row++)
        {
            Assert.True(Math.Abs(batch[row] - streamed[row - 60]) < 1e-6, $"row {row}: batch {batch[row]:R}, streamed {streamed[row - 60]:R}");
        }

        Assert.Equal(250, Array.IndexOf(batch, batch.Max()));
    }

    [Fact]
    public void File_and_category_names_stay_text_on_the_page()
    {
        // A file name cannot hold '/', so no end tags here.
        var name = "a" + HostileText.Image + HostileText.Template + "<b>bold&amp;";
        var corpus = folder.File("corpus");
        Directory.CreateDirectory(Path.Combine(corpus, "data", "realX"));
        Directory.CreateDirectory(Path.Combine(corpus, "labels"));
        var rows = Enumerable.Range(0, 200).Select(i => string.Create(CultureInfo.InvariantCulture, $"{new DateTime(2014, 4, 1).AddMinutes(5 * i):yyyy-MM-dd HH:mm:ss},{Math.Sin(i / 4.0)}")).ToList();
        File.WriteAllLines(Path.Combine(corpus, "data", "realX", name + ".csv"), ["timestamp,value", .. rows]);
        var window = JsonSerializer.Serialize(new Dictionary<string, string[][]> { [$"realX/{name}.csv"] = [[rows[150].Split(',')[0], rows[160].Split(',')[0]]] });
        File.WriteAllText(Path.Combine(corpus, "labels", "combined_windows.json"), window);
        var results = Path.Combine(folder.File("results"), "mine", "realX");
        Directory.CreateDirectory(results);
        File.WriteAllLines(Path.Combine(results, $"mine_{name}.csv"), ["timestamp,value,anomaly_score", .. rows.Select((row, i) => row + (i == 152 ? ",1" : ",0"))]);

        var (code, _, errors) = CliTests.Run("nab", "score", "--corpus", corpus, "--results", folder.File("results/mine"), "--out", folder.File("out"));

        Assert.True(code == 0, errors);
        var page = File.ReadAllText(folder.File("out/nab.html"));
        Assert.All(HostileText.RawPiecesInPages, piece => Assert.DoesNotContain(piece, page, StringComparison.Ordinal));
        Assert.Contains("a&lt;img src=x", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no such folder", "nab", "score", "--corpus", "CORPUS", "--results", "NOWHERE")]
    [InlineData("has no data/ folder", "nab", "run", "--corpus", "NOWHERE")]
    [InlineData("Window must be a positive multiple of 4", "nab", "run", "--window", "30")]
    [InlineData("--detector 'my_detector' must be a plain name", "nab", "run", "--detector", "my_detector")]
    public void Bad_options_exit_with_two_and_one_line(string message, params string[] args)
    {
        var (code, output, errors) = CliTests.Run([.. args.Select(arg => arg switch { "NOWHERE" => folder.File("nowhere"), "CORPUS" => Corpus, _ => arg })]);

        Assert.Equal(2, code);
        Assert.Contains(message, errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors + output, StringComparison.Ordinal);
    }
}
