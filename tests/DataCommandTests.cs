using System.Globalization;
using System.Text.RegularExpressions;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests;

public class DataCommandTests
{
    [Fact]
    public void Data_summarises_the_embedded_digits_by_default()
    {
        var (code, output, errors) = CliTests.Run("data");

        Assert.Equal(0, code);
        Assert.Empty(errors);
        Assert.Contains("embedded", output, StringComparison.Ordinal);
        Assert.Contains("8,000 / 2,000", output, StringComparison.Ordinal);
        Assert.Contains("[1, 28, 28]", output, StringComparison.Ordinal);
        Assert.Contains("0 .. 1", output, StringComparison.Ordinal);
        Assert.Matches(@"mean\s+│ 0\.13\d\d", output);
        Assert.Equal(10, Regex.Count(output, @"│ (\d)\s+│ \1\s+│ [\d,]+\s+│ \d+\s+│")); // one row per digit
    }

    [Fact]
    public void Show_writes_a_self_contained_html_grid_of_that_many_test_images()
    {
        using var folder = new TempFolder();

        var (code, output, errors) = CliTests.Run("data", "--dataset", "digits", "--show", "7", "--out", folder.Path);

        Assert.Equal(0, code);
        Assert.Empty(errors);
        Assert.Contains("Wrote 7 test images", output, StringComparison.Ordinal);
        var html = File.ReadAllText(folder.File("examples.html"));
        Assert.Equal(7, Regex.Count(html, "src=\"data:image/png;base64,"));
        Assert.Equal(7, Regex.Count(html, "<figcaption>[0-9]</figcaption>"));
        Assert.DoesNotContain("http", html, StringComparison.Ordinal); // nothing to fetch: works offline
        Assert.Equal(["examples.html"], Directory.GetFiles(folder.Path).Select(Path.GetFileName)); // no temporary file left
    }

    [Fact]
    public void Show_caps_the_grid_at_the_number_of_test_images()
    {
        using var folder = new TempFolder();
        IdxBytes.WriteMnistFolder(folder.File("data"), train: 5, test: 3);

        var (code, output, _) = CliTests.Run("data", "--dataset", folder.File("data"), "--show", "50", "--out", folder.File("out"));

        Assert.Equal(0, code);
        Assert.Contains("Wrote 3 test images", output, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(File.ReadAllText(folder.File("out/examples.html")), "data:image/png"));
    }

    [Fact]
    public void An_unlabelled_folder_is_summarised_without_classes()
    {
        using var folder = new TempFolder();
        IdxBytes.WriteMnistFolder(folder.Path, train: 5, test: 3, labels: false);

        var (code, output, _) = CliTests.Run("data", "--dataset", folder.Path);

        Assert.Equal(0, code);
        Assert.Contains("5 / 3", output, StringComparison.Ordinal);
        Assert.Contains("No labels.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_file_with_a_label_column_is_summarised_with_its_classes()
    {
        var (code, output, errors) = CliTests.Run("data", "--dataset", Path.Combine(RepositoryPaths.Root, "data", "sensors.csv"), "--label-column", "anomaly");

        Assert.True(code == 0, errors);
        Assert.Contains("4,000 / 1,000", output, StringComparison.Ordinal);
        // The row-number column 'time' is left out of the features, with a line saying so: three features remain.
        Assert.Contains("[3]", output, StringComparison.Ordinal);
        Assert.Contains("column 'time' steps by the same amount from row to row", Regex.Replace(output, @"\s+", " "), StringComparison.Ordinal);
        // Standardised on the training rows: z-scores on both sides of 0.
        var range = Regex.Match(output, @"value range\s*│\s*(-?[0-9.]+) \.\. ([0-9.]+)");
        Assert.True(range.Success, output);
        Assert.True(double.Parse(range.Groups[1].Value, CultureInfo.InvariantCulture) < -1, output);
        Assert.True(double.Parse(range.Groups[2].Value, CultureInfo.InvariantCulture) > 1, output);
    }

    [Fact]
    public void A_NAB_file_whose_time_steps_back_loads_and_says_where_in_one_line()
    {
        var path = Path.Combine(RepositoryPaths.Root, "data", "nab-corpus", "data", "realKnownCause", "machine_temperature_system_failure.csv");

        var (code, output, errors) = CliTests.Run("data", "--dataset", path);

        Assert.True(code == 0, errors);
        // Spectre may wrap the line to the console's width: compare with the breaks and runs of spaces squeezed out.
        var text = Squeeze(output);
        Assert.Single(Regex.Matches(text, "warning:"));
        Assert.Contains("line 10151 (2014-01-07 02:00:00) is earlier than line 10150's (2014-01-07 02:55:00); the rows are kept in file order", text, StringComparison.Ordinal);
    }

    private static string Squeeze(string text) => string.Join(' ', text.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));

    [Theory]
    [InlineData("unknown data set 'nope'", "data", "--dataset", "nope")]
    [InlineData("there is no label column 'nope'", "data", "--dataset", "SENSORS", "--label-column", "nope")]
    [InlineData("no IDX image files", "data", "--dataset", "EMPTY")]
    [InlineData("--show must be 0 or more", "data", "--show", "-1")]
    public void Bad_input_exits_with_two_and_one_line(string problem, params string[] args)
    {
        using var folder = new TempFolder();
        var sensors = Path.Combine(RepositoryPaths.Root, "data", "sensors.csv");
        var (code, output, errors) = CliTests.Run([.. args.Select(arg => arg switch { "EMPTY" => folder.Path, "SENSORS" => sensors, _ => arg })]);

        Assert.Equal(2, code);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", errors, StringComparison.Ordinal);
        Assert.Contains(problem, errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors + output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_out_folder_that_cannot_be_created_exits_with_two()
    {
        using var folder = new TempFolder();
        var blocker = folder.Write("a-file", [1]);

        var (code, _, errors) = CliTests.Run("data", "--show", "2", "--out", Path.Combine(blocker, "sub"));

        Assert.Equal(2, code);
        Assert.Contains("choose another --out folder", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("data", "--help")]
    [InlineData("bench", "--help")]
    public void The_data_and_bench_verbs_have_help(params string[] args)
    {
        var (code, output, _) = CliTests.Run(args);

        Assert.Equal(0, code);
        Assert.Contains("--dataset", output, StringComparison.Ordinal);
    }
}
