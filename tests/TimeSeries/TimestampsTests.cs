using System.Globalization;
using System.Text;
using Autoencoders.Data;
using Autoencoders.Data.Preprocessing;
using Autoencoders.Data.Tabular;
using Autoencoders.Data.TimeSeries;
using Autoencoders.Tests.Support;
using Autoencoders.Tests.Tabular;
using static TorchSharp.torch;

namespace Autoencoders.Tests.TimeSeries;

public sealed class TimestampsTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("2014-04-01 00:05:00", "2014-04-01T00:05:00+00:00")]
    [InlineData("2014-04-01T00:05:00Z", "2014-04-01T00:05:00+00:00")]
    [InlineData("2014-04-01T02:05:00+02:00", "2014-04-01T00:05:00+00:00")]
    [InlineData("2014-04-01 00:05:00.500000", "2014-04-01T00:05:00.5000000+00:00")]
    [InlineData("2014-04-01 00:05", "2014-04-01T00:05:00+00:00")]
    [InlineData("2014-04-01", "2014-04-01T00:00:00+00:00")]
    public void ISO_8601_date_times_parse_to_the_same_instant_whichever_form_they_take(string text, string instant)
    {
        Assert.True(Timestamps.TryParse(text, out var value));
        Assert.Equal(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("2014")]
    [InlineData("12.5")]
    [InlineData("-3")]
    [InlineData("01/04/2014 00:05")]
    [InlineData("2014-13-01 00:00:00")]
    [InlineData("yesterday")]
    public void Numbers_and_other_texts_are_not_date_times(string text) => Assert.False(Timestamps.TryParse(text, out _));

    [Fact]
    public void A_first_column_of_date_times_is_found_as_the_timestamp_column_and_is_not_a_feature()
    {
        var path = folder.Write("nab.csv", "timestamp,value\n2014-04-01 00:00:00,18.3\n2014-04-01 00:05:00,21.9\n");

        var table = CsvTable.Read(path);

        Assert.Equal("timestamp", table.TimestampColumn);
        Assert.Equal(["value"], table.FeatureNames);
        Assert.Equal(["2014-04-01 00:00:00", "2014-04-01 00:05:00"], table.Timestamps!.Texts);
        Assert.Equal(TimeSpan.FromMinutes(5), table.Timestamps.UsualStep);
    }

    [Fact]
    public void A_named_timestamp_column_may_stand_anywhere()
    {
        var path = folder.Write("t.csv", "a,when,b\n1,2020-01-01T00:00:00Z,2\n3,2020-01-01T01:00:00Z,4\n");

        var table = CsvTable.Read(path, timestampColumn: "when");

        Assert.Equal("when", table.TimestampColumn);
        Assert.Equal(["a", "b"], table.FeatureNames);
    }

    [Fact]
    public void A_first_column_of_numbers_is_a_feature_not_a_timestamp()
    {
        var path = folder.Write("t.csv", "time,value\n0,1.5\n1,2.5\n");

        var table = CsvTable.Read(path);

        Assert.Null(table.Timestamps);
        Assert.Equal(["time", "value"], table.FeatureNames);
    }

    [Fact]
    public void A_timestamp_column_that_stops_parsing_names_the_line_and_the_forms_accepted()
    {
        var path = folder.Write("t.csv", "timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 25:00:00,2\n");

        var error = Assert.Throws<DataInputException>(() => CsvTable.Read(path));

        CsvTableTests.AssertOneLine(error, path, ["line 3", "column 'timestamp'", "'2014-04-01 25:00:00' is not a date-time", "2014-04-01T00:05:00Z"]);
    }

    [Fact]
    public void A_date_time_in_a_later_column_suggests_naming_it_the_timestamp_column()
    {
        var path = folder.Write("t.csv", "value,timestamp\n1,2014-04-01 00:00:00\n");

        var error = Assert.Throws<DataInputException>(() => CsvTable.Read(path));

        CsvTableTests.AssertOneLine(error, path, ["line 2", "is a date-time, not a number", "--timestamp-column"]);
    }

    [Fact]
    public void A_named_timestamp_column_that_does_not_exist_lists_the_columns()
    {
        var path = folder.Write("t.csv", "a,b\n1,2\n");

        var error = Assert.Throws<DataInputException>(() => CsvTable.Read(path, timestampColumn: "time"));

        CsvTableTests.AssertOneLine(error, path, ["no timestamp column 'time'", "'a', 'b'"]);
    }

    [Theory]
    [InlineData("timestamp\n2014-04-01 00:00:00\n", null, "'timestamp' holds the timestamps")]
    [InlineData("timestamp,label\n2014-04-01 00:00:00,0\n", "label", "'timestamp' holds the timestamps and 'label' holds the labels")]
    public void A_file_without_a_numeric_feature_column_is_refused(string content, string? label, string roles)
    {
        var path = folder.Write("t.csv", content);

        var error = Assert.Throws<DataInputException>(() => CsvTable.Read(path, label));

        CsvTableTests.AssertOneLine(error, path, ["no numeric feature column", roles]);
    }

    [Theory]
    [InlineData("2014-04-01 00:05:00", "1 row (1 earlier than the row before): line 4 (2014-04-01 00:05:00) is earlier than line 3's (2014-04-01 00:10:00)")]
    [InlineData("2014-04-01 00:10:00", "1 row (1 repeated): line 4 repeats line 3's 2014-04-01 00:10:00")]
    public void A_series_out_of_time_order_or_with_a_repeated_time_loads_in_file_order_with_one_line_saying_where(string fourth, string where)
    {
        var path = folder.Write("t.csv", $"timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:10:00,2\n{fourth},3\n2014-04-01 00:20:00,4\n");

        using var windows = TimeSeriesWindows.FromCsv(path, new TimeSeriesCsvOptions(["value"], 2));
        using var data = Datasets.Load(path, new DatasetLoadOptions { Window = 2, Scaling = ScalingKind.None, TestFraction = 0.34 });

        Assert.Equal([1f, 2f, 2f, 3f, 3f, 4f], windows.Windows.data<float>().ToArray());
        foreach (var warnings in new[] { windows.Warnings, data.Warnings })
        {
            var warning = Assert.Single(warnings);
            Assert.DoesNotContain('\n', warning);
            Assert.StartsWith(path, warning, StringComparison.Ordinal);
            Assert.Contains($"the timestamps in 'timestamp' are not increasing at {where}; the rows are kept in file order", warning, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Many_order_issues_are_counted_and_the_first_three_shown()
    {
        var times = new[] { "00:00", "00:05", "00:05", "00:10", "00:05", "00:15", "00:15", "00:20", "00:20", "00:25" };
        var path = folder.Write("t.csv", "timestamp,value\n" + string.Concat(times.Select((time, i) => $"2014-04-01 {time}:00,{i}\n")));
        var timestamps = CsvTable.Read(path).Timestamps!;

        var issues = timestamps.OrderIssues();

        Assert.Equal([2, 4, 6, 8], issues.Select(issue => issue.Row));
        Assert.Equal([true, false, true, true], issues.Select(issue => issue.Repeated));
        Assert.Equal(TimeSpan.FromMinutes(5), timestamps.UsualStep);
        var warning = timestamps.OrderWarning()!;
        Assert.Contains("not increasing at 4 rows (3 repeated and 1 earlier than the row before)", warning, StringComparison.Ordinal);
        Assert.Contains("line 4 repeats line 3's", warning, StringComparison.Ordinal);
        Assert.Contains("; and 1 more;", warning, StringComparison.Ordinal);
        // A step back is never a gap; the 10 minutes from 00:05 to 00:15 after it are.
        Assert.Equal([5], timestamps.Gaps().Select(gap => gap.Row));
    }

    [Fact]
    public void Every_file_of_the_NAB_corpus_loads_and_the_known_quirks_are_reported()
    {
        var folderPath = Path.Combine(RepositoryPaths.Root, "data", "nab-corpus");
        var files = Directory.GetFiles(folderPath, "*.csv", SearchOption.AllDirectories);
        Assert.Equal(58, files.Length);

        var warned = new List<string>();
        foreach (var file in files)
        {
            var timestamps = CsvTable.Read(file).Timestamps!;
            if (timestamps.OrderWarning() is not null)
            {
                warned.Add(Path.GetFileNameWithoutExtension(file));
            }
        }

        // The corpus README: 8 files repeat a timestamp, and machine_temperature_system_failure also steps back once.
        Assert.Equal(8, warned.Count);
        var machine = CsvTable.Read(files.Single(file => file.EndsWith("machine_temperature_system_failure.csv", StringComparison.Ordinal))).Timestamps!;
        Assert.Single(machine.OrderIssues(), issue => !issue.Repeated);
    }

    [Fact]
    public void A_table_may_list_its_rows_in_any_time_order_and_is_told_where_they_are_not_increasing()
    {
        var path = folder.Write("t.csv", "timestamp,a,b\n2014-04-03,1,2\n2014-04-01,3,4\n2014-04-01,6,6\n2014-04-02,7,8\n2014-04-05,9,1\n");

        using var data = Datasets.Load(path);

        Assert.Equal([2L], data.SampleShape);
        Assert.Equal("timestamp", data.Recipe!.TimestampColumn);
        Assert.Equal(["a", "b"], data.Recipe.Columns!);
        var warning = Assert.Single(data.Warnings);
        Assert.Contains("not increasing at 2 rows (1 repeated and 1 earlier than the row before)", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Gaps_longer_than_the_usual_step_are_found_with_their_place_and_length()
    {
        // 5-minute steps with one row missing (10 minutes) and a 2-hour hole.
        var times = new[] { "00:00", "00:05", "00:10", "00:20", "00:25", "02:25", "02:30", "02:35" };
        var path = folder.Write("t.csv", "timestamp,value\n" + string.Concat(times.Select((time, i) => $"2014-04-01 {time}:00,{i}\n")));
        var timestamps = CsvTable.Read(path).Timestamps!;

        var gaps = timestamps.Gaps();

        Assert.Equal(TimeSpan.FromMinutes(5), timestamps.UsualStep);
        Assert.Equal([3, 5], gaps.Select(gap => gap.Row));
        Assert.Equal([5, 7], gaps.Select(gap => gap.Line));
        Assert.Equal([TimeSpan.FromMinutes(10), TimeSpan.FromHours(2)], gaps.Select(gap => gap.Length));
        var warning = timestamps.GapWarning()!;
        Assert.DoesNotContain('\n', warning);
        Assert.Contains("2 gaps longer than the usual step of 5 min", warning, StringComparison.Ordinal);
        Assert.Contains("10 min before line 5 (2014-04-01 00:10:00 to 2014-04-01 00:20:00)", warning, StringComparison.Ordinal);
        Assert.Contains("2 h before line 7", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_regular_series_has_no_gap_and_a_jittery_clock_none_either()
    {
        // Steps of 4:50 to 5:10: jitter, not missing rows.
        var seconds = new[] { 0, 300, 590, 900, 1210, 1500 };
        var path = folder.Write("t.csv", "timestamp,value\n" + string.Concat(seconds.Select(s => $"{new DateTime(2014, 4, 1).AddSeconds(s):yyyy-MM-dd HH:mm:ss},1\n")));

        Assert.Null(CsvTable.Read(path).Timestamps!.GapWarning());
        Assert.Null(CsvTable.Read(Path.Combine(RepositoryPaths.Root, "data", "nab", "art_daily_jumpsup.csv")).Timestamps!.GapWarning());
    }

    [Fact]
    public void Windows_of_a_series_with_a_gap_load_with_one_warning_and_the_timestamp_column_in_the_recipe()
    {
        var text = new StringBuilder("timestamp,value\n");
        for (var step = 0; step < 60; step++)
        {
            var time = new DateTime(2014, 4, 1).AddMinutes((5 * step) + (step >= 30 ? 60 : 0));
            text.Append(CultureInfo.InvariantCulture, $"{time:yyyy-MM-dd HH:mm:ss},{Math.Sin(step / 3.0).ToString("R", CultureInfo.InvariantCulture)}\n");
        }

        var path = folder.Write("t.csv", text.ToString());

        using var data = Datasets.Load(path, new DatasetLoadOptions { Window = 10 });

        Assert.Equal([10L, 1L], data.SampleShape);
        Assert.Equal("timestamp", data.Recipe!.TimestampColumn);
        Assert.Null(data.Recipe.Options.TimestampColumn);
        Assert.Equal(["value"], data.Recipe.Columns!);
        var warning = Assert.Single(data.Warnings);
        Assert.Contains("1 gap longer than the usual step of 5 min: 1 h 5 min before line 32", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recipe_reads_other_data_of_its_layout_with_or_without_its_timestamp_column()
    {
        var training = folder.Write("train.csv", "timestamp,a\n2014-04-01,1\n2014-04-02,2\n2014-04-03,3\n2014-04-04,4\n2014-04-05,5\n");
        var plain = folder.Write("plain.csv", "a\n5\n4\n3\n2\n1\n");
        using var data = Datasets.Load(training);

        using var again = Datasets.Load(data.Recipe!, plain);

        Assert.Equal([1L], again.SampleShape);
        Assert.Null(again.Recipe!.TimestampColumn);
    }

    [Fact]
    public void Windows_are_z_normalised_with_the_training_statistics_unless_told_otherwise()
    {
        var path = Path.Combine(RepositoryPaths.Root, "data", "nab", "art_daily_small_noise.csv");

        using var standard = Datasets.Load(path, new DatasetLoadOptions { Window = 288 });
        using var minMax = Datasets.Load(path, new DatasetLoadOptions { Window = 288, Scaling = ScalingKind.MinMax });
        using var scope = NewDisposeScope();

        Assert.Equal(ScalingKind.Standard, standard.Recipe!.Scaler!.Kind);
        Assert.Equal(ScalingKind.Standard, standard.Recipe.Options.Scaling);
        // Mean 0 and standard deviation 1 over the training windows (float32 sums over 863,000 values: 1e-4).
        Assert.InRange(standard.TrainFeatures.mean().item<float>(), -1e-4f, 1e-4f);
        Assert.InRange(standard.TrainFeatures.std(unbiased: false).item<float>(), 1 - 1e-4f, 1 + 1e-4f);
        Assert.Equal(ScalingKind.MinMax, minMax.Recipe!.Scaler!.Kind);
        Assert.Equal(0f, minMax.TrainFeatures.min().item<float>());
    }

    [Theory]
    [InlineData("", null, null, "timestamp column must be a column name")]
    [InlineData("t", "t", null, "cannot be both the label column and the timestamp column")]
    [InlineData("t", null, "t", "cannot also be a feature column")]
    public void Load_options_refuse_a_timestamp_column_that_is_empty_the_label_or_a_feature(string timestamp, string? label, string? column, string problem)
    {
        var options = new DatasetLoadOptions { TimestampColumn = timestamp, LabelColumn = label, Columns = column is null ? null : [column, "x"] };

        var error = Assert.Throws<DataInputException>(options.Validate);

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(300, "5 min")]
    [InlineData(5700, "1 h 35 min")]
    [InlineData(183600, "2 d 3 h")]
    [InlineData(1.5, "1.5 s")]
    [InlineData(0, "0 s")]
    public void Durations_are_written_in_the_units_that_fit(double seconds, string expected) =>
        Assert.Equal(expected, Timestamps.Describe(TimeSpan.FromSeconds(seconds)));
}
