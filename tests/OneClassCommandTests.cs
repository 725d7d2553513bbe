using System.Text.Json;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests;

/// <summary>The anomaly-benchmark verb's one-class protocol on digits, briefly trained, and its one-line errors.</summary>
public sealed class OneClassCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_verb_writes_per_class_results_and_a_page_with_the_flagged_images()
    {
        var output = _folder.File("out");

        var (code, console, errors) = CliTests.Run("anomaly-benchmark", "--dataset", "digits", "--protocol", "one-class", "--classes", "0,1",
            "--seeds", "2", "--epochs", "2", "--heatmap", "1", "--out", output, "--threads", "1");

        Assert.True(code == 0, errors);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "anomaly-benchmark.json")));
        var root = json.RootElement;
        Assert.Equal("one-class", root.GetProperty("protocol").GetString());
        Assert.Equal("digits", root.GetProperty("dataset").GetString());
        Assert.Equal([1L, 2L], root.GetProperty("seeds").EnumerateArray().Select(seed => seed.GetInt64()));
        string[] methods = ["autoencoder", "autoencoder-ssim", "autoencoder-mse", "pca", "knn"];
        Assert.Equal(methods, root.GetProperty("methods").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        var perClass = root.GetProperty("perClass").EnumerateArray().ToList();
        Assert.Equal([0L, 1L], perClass.Select(c => c.GetProperty("class").GetInt64()));
        foreach (var result in perClass)
        {
            Assert.Equal(methods, result.GetProperty("methods").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
            Assert.Equal(2, result.GetProperty("methods")[0].GetProperty("rocAuc").GetProperty("perSeed").GetArrayLength());
        }

        // Two epochs are enough for a model of 0s or 1s to tell its digit from the others far better than chance.
        var autoencoder = root.GetProperty("methods")[0].GetProperty("rocAuc").GetProperty("mean").GetDouble();
        Assert.True(autoencoder > 0.8, $"mean ROC AUC {autoencoder}");
        Assert.Equal("ssim+latent", root.GetProperty("options").GetProperty("score").GetString());
        Assert.Equal(2, root.GetProperty("options").GetProperty("training").GetProperty("epochs").GetInt32());
        Assert.Contains("autoencoder-ssim", console, StringComparison.Ordinal);
        Assert.Contains("The model of class 1 flags", console, StringComparison.Ordinal);

        var page = File.ReadAllText(Path.Combine(output, "anomaly-benchmark.html"));
        Assert.Contains("ROC AUC per class", page, StringComparison.Ordinal);
        Assert.Contains("What the model of class 1 flags, and why", page, StringComparison.Ordinal);
        Assert.Contains("error", page, StringComparison.Ordinal);
    }

    public static TheoryData<string, string[], string> BadInputs => new()
    {
        { "no data set", [], "--dataset is required for the one-class protocol: use digits, fashion-mnist, mnist" },
        { "a CSV file", ["--dataset", "data/sensors.csv"], "--dataset 'data/sensors.csv' is not an image data set" },
        { "a class that does not exist", ["--dataset", "digits", "--classes", "12"], "class 12 is not in both splits of 'digits'; its classes are 0, 1, 2, 3, 4, 5, 6, 7, 8, 9" },
        { "a class that is not a number", ["--dataset", "digits", "--classes", "seven"], "--classes 'seven' is not a list of class labels" },
        { "no seeds", ["--dataset", "digits", "--seeds", "0"], "--seeds must be at least 1 (got 0)" },
        { "a tabular score", ["--dataset", "digits", "--score", "centre+knn"], "--score 'centre+knn' is not an image score; use mse, blurred-mse, ssim, ssim+latent" },
        { "a random-splits option", ["--dataset", "digits", "--splits", "3"], "--splits applies to the random-splits protocol only" },
        { "a label column", ["--dataset", "digits", "--label-column", "label"], "--label-column applies to the random-splits protocol only" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_exits_with_2_and_one_line(string what, string[] options, string expected)
    {
        var (code, _, errors) = CliTests.Run(["anomaly-benchmark", "--protocol", "one-class", .. options, "--epochs", "1", "--out", _folder.File("out"), "--threads", "1"]);

        Assert.True(code == 2, $"{what}: exit {code}, {errors}");
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", errors, StringComparison.Ordinal);
        Assert.Contains(expected, errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.File("out")), $"{what}: nothing is written");
    }
}
