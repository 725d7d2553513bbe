using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Autoencoders.Checkpoints;
using Autoencoders.Pipeline;
using Autoencoders.Pipeline.Verbs;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Pipeline;

/// <summary>A small sequence model trained once through the CLI on a series with a timestamp column, shared by the tests that apply it.</summary>
public sealed class SeriesModelFixture : IDisposable
{
    public const int Window = 24;

    public SeriesModelFixture()
    {
        Training = Folder.Write("train.csv", Series(steps: 400));
        var (code, _, errors) = CliTests.Run("train", "--dataset", Training, "--window", $"{Window}", "--model", "sequence", "--latent", "4",
            "--epochs", "3", "--batch-size", "32", "--lr", "1e-2", "--out", Checkpoint);
        Assert.True(code == 0, errors);
    }

    internal TempFolder Folder { get; } = new();

    internal string Training { get; }

    internal string Checkpoint => Folder.File("model");

    public void Dispose() => Folder.Dispose();

    /// <summary>
    /// A daily-looking sine every 5 minutes from 2014-04-01, <c>timestamp,value</c>; <paramref name="jump"/> adds 10 to
    /// the steps it names, <paramref name="skip"/> leaves a row out after the step it names, and <paramref name="swap"/>
    /// exchanges the timestamps of the two rows after it.
    /// </summary>
    internal static string Series(int steps, Range? jump = null, int? skip = null, int? swap = null)
    {
        var times = Enumerable.Range(0, steps + 1).Select(step => new DateTime(2014, 4, 1).AddMinutes(5 * step)).ToList();
        if (skip is { } after)
        {
            times.RemoveAt(after + 1);
        }

        if (swap is { } at)
        {
            (times[at], times[at + 1]) = (times[at + 1], times[at]);
        }

        var text = new StringBuilder("timestamp,value\n");
        for (var step = 0; step < steps; step++)
        {
            var value = Math.Sin(step * 2 * Math.PI / 48) + (jump is { } range && step >= range.Start.Value && step < range.End.Value ? 10 : 0);
            text.Append(CultureInfo.InvariantCulture, $"{times[step]:yyyy-MM-dd HH:mm:ss},{value.ToString("R", CultureInfo.InvariantCulture)}\n");
        }

        return text.ToString();
    }
}

public sealed class TimeSeriesApplicationTests(SeriesModelFixture model) : IClassFixture<SeriesModelFixture>, IDisposable
{
    private readonly TempFolder _out = new();

    public void Dispose() => _out.Dispose();

    [Fact]
    public void The_recipe_records_the_timestamp_column_found_and_the_standard_scaling_of_windows()
    {
        var recipe = Checkpoint.ReadMetadata(model.Checkpoint).Recipe!;

        Assert.Equal("timestamp", recipe.TimestampColumn);
        Assert.Equal(["value"], recipe.Columns!);
        Assert.Equal(Autoencoders.Data.Preprocessing.ScalingKind.Standard, recipe.Scaler!.Kind);
        Assert.Equal(Autoencoders.Models.OutputActivation.Identity, Checkpoint.ReadMetadata(model.Checkpoint).Model.Output);
    }

    [Fact]
    public void Scores_keep_the_timestamps_beside_the_ids_one_row_per_step_and_count_the_windows()
    {
        var input = _out.Write("new.csv", SeriesModelFixture.Series(steps: 120, jump: 60..70));

        var (code, output, errors) = CliTests.Run("score", "--checkpoint", model.Checkpoint, "--input", input, "--out", _out.File("scores.csv"), "--threshold", "max");

        Assert.True(code == 0, errors);
        var lines = File.ReadAllLines(_out.File("scores.csv"));
        Assert.Equal("id,timestamp,score,anomaly", lines[0]);
        Assert.Equal(121, lines.Length);
        Assert.Equal(File.ReadAllLines(input).Skip(1).Select(line => line.Split(',')[0]), lines.Skip(1).Select(line => line.Split(',')[1]));
        Assert.Equal(Enumerable.Range(0, 120).Select(i => i.ToString(CultureInfo.InvariantCulture)), lines.Skip(1).Select(line => line.Split(',')[0]));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"of {120 - SeriesModelFixture.Window + 1} windows"), output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_anomaly_range_by_rows_or_by_times_prints_the_same_point_level_figures()
    {
        var input = _out.Write("new.csv", SeriesModelFixture.Series(steps: 120, jump: 60..70));

        var byRows = CliTests.Run("score", "--checkpoint", model.Checkpoint, "--input", input, "--out", _out.File("1.csv"), "--anomaly-range", "55..75");
        var byTimes = CliTests.Run("score", "--checkpoint", model.Checkpoint, "--input", input, "--out", _out.File("2.csv"),
            "--anomaly-range", "2014-04-01 04:35:00..2014-04-01 06:15:00");

        Assert.True(byRows.Code == 0, byRows.Errors);
        Assert.True(byTimes.Code == 0, byTimes.Errors);
        // The library call behind the verb gives the figures both print (the console wraps long lines: compared without spaces).
        var outcome = ModelApplication.Score(new ApplyRequest(model.Checkpoint, input, _out.File("3.csv"), AnomalyRanges: "55..75"));
        var figures = outcome.Detection!.Describe(outcome.Scores!.Timestamps);
        Assert.StartsWith("point-level precision", figures, StringComparison.Ordinal);
        Assert.Contains("range 55..75", figures, StringComparison.Ordinal);
        Assert.Contains(Squeezed(figures), Squeezed(byRows.Output), StringComparison.Ordinal);
        Assert.Contains(Squeezed(figures), Squeezed(byTimes.Output), StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_names_for_each_flagged_step_the_worst_window_that_holds_it()
    {
        var input = _out.Write("jump.csv", SeriesModelFixture.Series(steps: 120, jump: 60..70));

        var scored = ModelApplication.Score(new ApplyRequest(model.Checkpoint, input, _out.File("explained.csv"), Threshold: "max", Explain: 1)).Scores!;

        Assert.Contains(scored.Flags, flag => flag);
        for (var step = 0; step < scored.Ids.Count; step++)
        {
            var text = scored.Explanations![step];
            if (!scored.Flags[step])
            {
                Assert.Equal("", text);
                continue;
            }

            var range = System.Text.RegularExpressions.Regex.Match(text, @"^worst window: steps (\d+)\.\.(\d+) \(score ");
            Assert.True(range.Success, text);
            Assert.InRange(step, int.Parse(range.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(range.Groups[2].Value, CultureInfo.InvariantCulture));
        }

        Assert.Equal("explanation", File.ReadLines(_out.File("explained.csv")).First().Split(',')[^1]);
    }

    [Fact]
    public void Codes_and_reconstructions_keep_the_timestamps_windows_named_by_their_first_step()
    {
        var input = _out.Write("new.csv", SeriesModelFixture.Series(steps: 60));

        Assert.Equal(0, CliTests.Run("encode", "--checkpoint", model.Checkpoint, "--input", input, "--out", _out.File("codes.csv")).Code);
        Assert.Equal(0, CliTests.Run("reconstruct", "--checkpoint", model.Checkpoint, "--input", input, "--out", _out.File("rec")).Code);

        var codes = File.ReadAllLines(_out.File("codes.csv"));
        Assert.Equal("id,timestamp,z0,z1,z2,z3", codes[0]);
        Assert.Equal(60 - SeriesModelFixture.Window + 1 + 1, codes.Length);
        Assert.StartsWith("1,2014-04-01 00:05:00,", codes[2], StringComparison.Ordinal);
        var reconstructed = File.ReadAllLines(Path.Combine(_out.File("rec"), ModelApplication.ReconstructionsCsv));
        Assert.Equal("id,timestamp,value", reconstructed[0]);
        Assert.Equal(61, reconstructed.Length);
        Assert.StartsWith("59,2014-04-01 04:55:00,", reconstructed[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_gap_in_the_input_is_one_warning_line_and_the_input_is_scored_anyway()
    {
        var input = _out.Write("gap.csv", SeriesModelFixture.Series(steps: 80, skip: 40));

        var (code, output, errors) = CliTests.Run("score", "--checkpoint", model.Checkpoint, "--input", input, "--out", _out.File("scores.csv"));

        Assert.True(code == 0, errors);
        // One warning, wrapped by the console if long (compared without spaces).
        Assert.Single(output.Split("warning:")[1..]);
        Assert.Contains(Squeezed("1 gap longer than the usual step of 5 min: 10 min before line 43"), Squeezed(output), StringComparison.Ordinal);
        Assert.Equal(81, File.ReadAllLines(_out.File("scores.csv")).Length);
    }

    [Fact]
    public void Training_on_a_series_with_a_gap_warns_once()
    {
        var input = _out.Write("gap.csv", SeriesModelFixture.Series(steps: 100, skip: 10));

        var (code, output, errors) = CliTests.Run("train", "--dataset", input, "--window", "12", "--model", "sequence", "--epochs", "1", "--out", _out.File("m"));

        Assert.True(code == 0, errors);
        Assert.Single(output.Split("warning:")[1..]);
        Assert.Contains(Squeezed("10 min before line 13"), Squeezed(output), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("swap", "line 32 (2014-04-01 02:25:00) is earlier than line 31's")]
    [InlineData("duplicate", "line 22 repeats line 21's")]
    public void Input_out_of_time_order_or_with_a_repeated_time_is_scored_in_file_order_with_one_warning(string problem, string where)
    {
        var text = problem == "swap"
            ? SeriesModelFixture.Series(steps: 60, swap: 29)
            : SeriesModelFixture.Series(steps: 60).Replace("2014-04-01 01:40:00", "2014-04-01 01:35:00", StringComparison.Ordinal);
        var input = _out.Write("odd.csv", text);

        var scoring = CliTests.Run("score", "--checkpoint", model.Checkpoint, "--input", input, "--out", _out.File("scores.csv"));
        var training = CliTests.Run("train", "--dataset", input, "--window", "12", "--model", "sequence", "--epochs", "1", "--out", _out.File("m"));

        foreach (var (code, output, errors) in new[] { scoring, training })
        {
            Assert.True(code == 0, errors);
            Assert.Contains(Squeezed(where), Squeezed(output), StringComparison.Ordinal);
            Assert.Contains(Squeezed("the rows are kept in file order"), Squeezed(output), StringComparison.Ordinal);
        }

        Assert.Equal(61, File.ReadAllLines(_out.File("scores.csv")).Length);
    }

    [Fact]
    public void Input_with_a_bad_timestamp_exits_with_two_and_one_line()
    {
        var text = SeriesModelFixture.Series(steps: 60).Replace("2014-04-01 00:05:00", "2014-04-01 00:61:00", StringComparison.Ordinal);
        var input = _out.Write("bad.csv", text);

        var scoring = CliTests.Run("score", "--checkpoint", model.Checkpoint, "--input", input, "--out", _out.File("scores.csv"));
        var training = CliTests.Run("train", "--dataset", input, "--window", "12", "--model", "sequence", "--epochs", "1", "--out", _out.File("m"));

        foreach (var (code, output, errors) in new[] { scoring, training })
        {
            Assert.Equal(2, code);
            var error = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("line 3", error, StringComparison.Ordinal);
            Assert.Contains("'2014-04-01 00:61:00' is not a date-time", error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", errors + output, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(_out.File("scores.csv")));
    }

    [Theory]
    [InlineData("train", "a window of 500 steps does not fit a series of 400 rows")]
    [InlineData("score", "the series has 20 rows but the model reads windows of 24 steps")]
    public void A_window_longer_than_the_series_exits_with_two_and_one_line(string verb, string message)
    {
        var (code, _, errors) = verb == "train"
            ? CliTests.Run("train", "--dataset", model.Training, "--window", "500", "--model", "sequence", "--out", _out.File("m"))
            : CliTests.Run("score", "--checkpoint", model.Checkpoint, "--input", _out.Write("short.csv", SeriesModelFixture.Series(steps: 20)), "--out", _out.File("s.csv"));

        Assert.Equal(2, code);
        Assert.Contains(message, Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("timestamp,label\n2014-04-01 00:00:00,0\n2014-04-01 00:05:00,1\n", "--label-column", "label", "no numeric feature column: 'timestamp' holds the timestamps and 'label' holds the labels")]
    [InlineData("when,value\nmonday,1\ntuesday,2\n", "--timestamp-column", "when", "'monday' is not a date-time")]
    [InlineData("a,b\n1,2\n3,4\n", "--timestamp-column", "time", "no timestamp column 'time'")]
    public void Data_without_a_feature_or_with_a_bad_timestamp_column_exits_with_two_and_one_line(string content, string option, string value, string message)
    {
        var input = _out.Write("bad.csv", content);

        var (code, output, errors) = CliTests.Run("train", "--dataset", input, option, value, "--epochs", "1", "--out", _out.File("m"));

        Assert.Equal(2, code);
        Assert.Contains(message, Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors + output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_score_verb_draws_the_signal_with_its_flags_and_the_labelled_range_into_an_offline_page()
    {
        var input = _out.Write("new.csv", SeriesModelFixture.Series(steps: 120, jump: 60..70));

        var (code, _, errors) = CliTests.Run("score", "--checkpoint", model.Checkpoint, "--input", input, "--out", _out.File("s.csv"),
            "--anomaly-range", "55..75", "--chart", _out.File("chart.html"));

        Assert.True(code == 0, errors);
        var html = File.ReadAllText(_out.File("chart.html"));
        Assert.Contains("labelled anomaly", html, StringComparison.Ordinal);
        Assert.Contains("steps flagged (score above", html, StringComparison.Ordinal);
        Assert.Contains("2014-04-01 04:35:00.000", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src=", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chart_for_table_rows_is_refused_before_anything_is_written()
    {
        var rows = _out.Write("rows.csv", SeriesModelFixture.Series(steps: 50));
        Assert.Equal(0, CliTests.Run("train", "--dataset", rows, "--epochs", "1", "--out", _out.File("table-model")).Code);

        var (code, _, errors) = CliTests.Run("score", "--checkpoint", _out.File("table-model"), "--input", rows, "--out", _out.File("s.csv"), "--chart", _out.File("c.html"));

        Assert.Equal(2, code);
        Assert.Contains("drawn for a time series only", errors, StringComparison.Ordinal);
        Assert.False(File.Exists(_out.File("s.csv")));
    }

    [Fact]
    public void A_bad_anomaly_range_exits_with_two_before_scoring()
    {
        var input = _out.Write("new.csv", SeriesModelFixture.Series(steps: 60));

        var (code, _, errors) = CliTests.Run("score", "--checkpoint", model.Checkpoint, "--input", input, "--out", _out.File("s.csv"), "--anomaly-range", "50..70");

        Assert.Equal(2, code);
        Assert.Contains("do not lie in order inside the series' 60 steps", errors, StringComparison.Ordinal);
        Assert.False(File.Exists(_out.File("s.csv")));
    }

    [Fact]
    public void A_checkpoint_written_before_timestamps_were_recorded_still_finds_them_in_its_input()
    {
        using var copy = new TempFolder();
        foreach (var file in Directory.GetFiles(model.Checkpoint))
        {
            File.Copy(file, Path.Combine(copy.Path, Path.GetFileName(file)));
        }

        // What a format-2 checkpoint of the previous version holds: no timestamp column in the recipe or its options,
        // no kernel size, dropout or code kind, an explicit output activation.
        var metadataPath = Path.Combine(copy.Path, Checkpoint.MetadataFileName);
        var metadata = JsonNode.Parse(File.ReadAllText(metadataPath))!.AsObject();
        var recipe = metadata["recipe"]!.AsObject();
        Assert.True(recipe.Remove("timestampColumn"));
        Assert.True(recipe["options"]!.AsObject().Remove("timestampColumn"));
        foreach (var option in new[] { "kernelSize", "dropout", "denseCode" })
        {
            Assert.True(metadata["model"]!.AsObject().Remove(option), option);
        }

        File.WriteAllText(metadataPath, metadata.ToJsonString());
        var input = _out.Write("new.csv", SeriesModelFixture.Series(steps: 40));

        var (code, _, errors) = CliTests.Run("score", "--checkpoint", copy.Path, "--input", input, "--out", _out.File("scores.csv"));

        Assert.True(code == 0, errors);
        Assert.Equal("id,timestamp,score,anomaly", File.ReadLines(_out.File("scores.csv")).First());
        using var loaded = TrainedModel.Load(copy.Path);
        Assert.Null(loaded.Recipe!.TimestampColumn);
    }

    private static string Squeezed(string text) => string.Concat(text.Where(character => !char.IsWhiteSpace(character)));
}
