using Autoencoders.Plots;
using Autoencoders.Tests.Support;
using Autoencoders.Training;
using Autoencoders.Workbook;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Workbook;

public sealed class DisplayWriterTests
{
    private sealed record Metrics(string Name, double Mse, int Count);

    private static (string Text, IReadOnlyList<string> Files) Show(object? value, string folder)
    {
        var text = new StringWriter { NewLine = "\n" };
        var files = new DisplayWriter(folder, text).Show(value);
        return (text.ToString(), files);
    }

    private static string[] PngAsWell(string html) => ChartPng.IsAvailable ? [html, Path.ChangeExtension(html, ".png")] : [html];

    [Theory]
    [InlineData(42, "42")]
    [InlineData(0.125, "0.125")]
    [InlineData("some text", "some text")]
    [InlineData(true, "True")]
    [InlineData(null, "null")]
    public void A_scalar_prints_as_its_text_in_the_invariant_culture(object? value, string expected)
    {
        using var folder = new TempFolder();

        var (text, files) = Show(value, folder.Path);

        Assert.Equal(expected + "\n", text);
        Assert.Empty(files);
    }

    [Fact]
    public void A_record_prints_as_a_name_value_table_and_a_list_of_records_as_a_table_with_a_row_each()
    {
        Metrics first = new("dense", 0.0125, 10), second = new("conv", 0.5, 2);

        Assert.Equal(TextTable.Fields(first), DisplayWriter.ToText(first));
        Assert.Equal(TextTable.Fields(new { A = 1, B = "x" }), DisplayWriter.ToText(new { A = 1, B = "x" }));
        Assert.Equal(TextTable.Rows(new[] { first, second }), DisplayWriter.ToText(new[] { first, second }));
    }

    [Fact]
    public void A_list_of_scalars_prints_inline_and_a_tensor_that_is_no_image_batch_prints_its_shape()
    {
        using var scope = NewDisposeScope();

        long[] shape = [1, 28, 28];
        string[] files = ["a.html", "b.png"];

        Assert.Equal("[1, 28, 28]", DisplayWriter.ToText(shape));
        Assert.Equal("[a.html, b.png]", DisplayWriter.ToText(files));
        Assert.Equal("tensor (5, 3) Float32", DisplayWriter.ToText(zeros(5, 3)));
        Assert.Equal("tensor (4, 1, 288) Float32", DisplayWriter.ToText(zeros(4, 1, 288)));
    }

    [Fact]
    public void A_time_series_batch_is_printed_not_drawn_as_images()
    {
        using var folder = new TempFolder();
        using var scope = NewDisposeScope();

        var (text, files) = Show(zeros(4, 1, 288), folder.Path);

        Assert.Equal("tensor (4, 1, 288) Float32\n", text);
        Assert.Empty(files);
    }

    [Fact]
    public void A_chart_is_saved_as_numbered_offline_html_named_after_its_title_and_its_paths_are_printed()
    {
        using var folder = new TempFolder();
        var figures = Path.Combine(folder.Path, "out", "99-test");

        var history = new TrainingHistory([new(1, 0.5, null, 1e-3, 1)], StopReason.Completed, null);

        var (text, files) = Show(TrainingCharts.LossCurves(history, "Loss of the first run"), figures);

        var html = Path.Combine(figures, "1-loss-of-the-first-run.html");
        Assert.Equal(PngAsWell(html), files);
        Assert.All(files, file => Assert.True(File.Exists(file), file));
        Assert.Equal(string.Concat(files.Select(file => $"chart: {file}\n")), text);
        Assert.Contains("Loss of the first run", File.ReadAllText(html), StringComparison.Ordinal);
    }

    [Fact]
    public void A_training_history_is_shown_as_its_loss_curves_and_a_batch_of_images_as_an_image_grid()
    {
        using var folder = new TempFolder();
        using var scope = NewDisposeScope();
        var history = new TrainingHistory([new(1, 0.5, 0.6, 1e-3, 1), new(2, 0.4, 0.5, 1e-3, 1)], StopReason.Completed, 2);
        var writer = new DisplayWriter(folder.Path, TextWriter.Null);

        var curves = writer.Show(history);
        var grid = writer.Show(rand(40, 1, 28, 28));

        Assert.Equal(PngAsWell(Path.Combine(folder.Path, "1-loss-per-epoch-best-epoch-2.html")), curves);
        Assert.Contains("\"validation\"", File.ReadAllText(curves[0]), StringComparison.Ordinal);
        Assert.Equal(Path.Combine(folder.Path, "2-the-first-32-of-40-images.html"), grid[0]);
        Assert.Contains("\"heatmap\"", File.ReadAllText(grid[0]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../etc/passwd", "etc-passwd")]
    [InlineData("Noisy input, denoised output", "noisy-input-denoised-output")]
    [InlineData("  ", "")]
    [InlineData(null, "")]
    public void A_title_becomes_a_file_name_of_letters_digits_and_dashes_only(string? title, string expected)
    {
        Assert.Equal(expected, DisplayWriter.Slug(title));
    }
}
