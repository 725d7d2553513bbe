using System.Text.Json;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests;

public class BenchCommandTests
{
    [Fact]
    public void Bench_on_digits_prints_the_ratio_and_writes_json_and_markdown()
    {
        using var folder = new TempFolder();

        var (code, output, errors) = CliTests.Run("bench", "--dataset", "digits", "--repetitions", "1", "--out", folder.Path);

        Assert.Equal(0, code);
        Assert.Empty(errors);
        Assert.Contains("idx-load-vs-gunzip: ratio", output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(folder.File("bench.json")));
        Assert.Equal("digits", json.RootElement.GetProperty("dataset").GetString());
        var measurement = json.RootElement.GetProperty("measurements")[0];
        Assert.Equal("idx-load-vs-gunzip", measurement.GetProperty("name").GetString());
        var figures = measurement.GetProperty("figures").EnumerateArray()
            .ToDictionary(figure => figure.GetProperty("name").GetString()!, figure => figure.GetProperty("value").GetDouble());
        Assert.Equal(10000, figures["images"]);
        Assert.True(figures["ratio load / decompress"] > 0);
        Assert.Contains("| ratio load / decompress |", File.ReadAllText(folder.File("bench.md")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown data set", "bench", "--dataset", "bogus")]
    [InlineData("--repetitions must be at least 1", "bench", "--repetitions", "0")]
    public void Bad_input_exits_with_two_and_one_line(string problem, params string[] args)
    {
        var (code, _, errors) = CliTests.Run(args);

        Assert.Equal(2, code);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(problem, errors, StringComparison.Ordinal);
    }
}
