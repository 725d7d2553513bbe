using System.Globalization;
using System.Text.Json.Nodes;
using Autoencoders.Checkpoints;
using Autoencoders.Data;
using Autoencoders.Data.Images;
using Autoencoders.Pipeline;
using Autoencoders.Pipeline.Verbs;
using Autoencoders.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Pipeline;

/// <summary>A dense model trained once on the embedded digits, shared by the tests that apply it to image files and IDX folders.</summary>
public sealed class DigitsModelFixture : IDisposable
{
    public DigitsModelFixture()
    {
        var (code, _, errors) = CliTests.Run("train", "--model", "dense", "--latent", "8", "--epochs", "1", "--batch-size", "256", "--out", Checkpoint);
        Assert.True(code == 0, errors);
    }

    internal TempFolder Folder { get; } = new();

    internal string Checkpoint => Folder.File("model");

    public void Dispose() => Folder.Dispose();
}

public sealed class ImageApplicationTests(DigitsModelFixture model) : IClassFixture<DigitsModelFixture>, IDisposable
{
    private readonly TempFolder _out = new();

    public void Dispose() => _out.Dispose();

    [Fact]
    public void Encoding_a_folder_of_pngs_gives_the_codes_of_the_same_images_as_tensors()
    {
        var images = _out.File("images");
        using var data = Datasets.Load(Datasets.Digits);
        using (var scope = NewDisposeScope())
        {
            for (var i = 0; i < 5; i++)
            {
                ImageFiles.WritePng(data.TestFeatures[i], Path.Combine(images, $"digit-{i}.png"));
            }
        }

        var (code, _, errors) = CliTests.Run("encode", "--checkpoint", model.Checkpoint, "--input", images, "--out", _out.File("codes.csv"));

        Assert.True(code == 0, errors);
        var lines = File.ReadAllLines(_out.File("codes.csv"));
        Assert.Equal("id,z0,z1,z2,z3,z4,z5,z6,z7", lines[0]);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"digit-{i}.png"), lines.Skip(1).Select(line => line.Split(',')[0]));
        using var trained = TrainedModel.Load(model.Checkpoint);
        using var expected = trained.Encode(data.TestFeatures.narrow(0, 0, 5));
        var written = lines.Skip(1).SelectMany(line => line.Split(',').Skip(1).Select(v => float.Parse(v, CultureInfo.InvariantCulture))).ToArray();
        // The digits are 8-bit values, so PNG keeps them exactly and the codes differ only by the batch's
        // arithmetic (5 images here, 5 there): float32 matrix products of 784 terms, a few ulps of codes near 1-10.
        Assert.Equal(expected.data<float>().ToArray(), written, new FloatTolerance(1e-4f));
    }

    [Fact]
    public void Reconstructing_images_writes_a_png_per_input_and_an_offline_grid_page()
    {
        var images = _out.File("images");
        using (var scope = NewDisposeScope())
        using (var data = Datasets.Load(Datasets.Digits))
        {
            ImageFiles.WritePng(data.TestFeatures[0], Path.Combine(images, "seven.png"));
            ImageFiles.WritePng(data.TestFeatures[1], Path.Combine(images, "two.bmp.png"));
        }

        var (code, _, errors) = CliTests.Run("reconstruct", "--checkpoint", model.Checkpoint, "--input", images, "--out", _out.File("rec"));

        Assert.True(code == 0, errors);
        Assert.Equal(["reconstructions-ids.csv", "reconstructions.html", "reconstructions.npy", "seven.png", "two.bmp.png"], Directory.GetFiles(_out.File("rec")).Select(Path.GetFileName).Order());
        using var reread = ImageFiles.ReadGrayscale(Path.Combine(_out.File("rec"), "seven.png"), 28, 28);
        Assert.Equal([1L, 28L, 28L], reread.shape);
        var page = File.ReadAllText(Path.Combine(_out.File("rec"), ModelApplication.ReconstructionsHtml));
        Assert.Equal(4, page.Split("data:image/png;base64,").Length - 1);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Reconstruct_refuses_to_replace_a_folder_holding_other_files_and_leaves_it_alone()
    {
        var folder = _out.File("precious");
        Directory.CreateDirectory(folder);
        var keep = _out.Write("precious/notes.txt", "do not delete");
        var digits = Path.Combine(RepositoryPaths.Root, "data", "digits");

        var (code, _, errors) = CliTests.Run("reconstruct", "--checkpoint", model.Checkpoint, "--input", digits, "--out", folder);

        Assert.Equal(2, code);
        Assert.Contains("holds files this command did not write (notes.txt)", errors, StringComparison.Ordinal);
        Assert.Equal("do not delete", File.ReadAllText(keep));
        Assert.Equal([keep], Directory.GetFiles(folder));
    }

    [Fact]
    public void A_larger_image_is_resized_to_the_models_input_and_scored()
    {
        var photo = _out.Write("photo.png", TestImagesForApplication.BandPng(56, 70));

        var (code, _, errors) = CliTests.Run("score", "--checkpoint", model.Checkpoint, "--input", photo, "--out", _out.File("scores.csv"));

        Assert.True(code == 0, errors);
        var rows = File.ReadAllLines(_out.File("scores.csv"));
        Assert.Equal("id,score,anomaly", rows[0]);
        Assert.StartsWith("photo.png,", rows[1], StringComparison.Ordinal);
    }

    [Fact]
    public void An_idx_folder_is_read_whole_with_its_labels_copied_through()
    {
        var digits = Path.Combine(RepositoryPaths.Root, "data", "digits");

        var (code, _, errors) = CliTests.Run("score", "--checkpoint", model.Checkpoint, "--input", digits, "--out", _out.File("scores.csv"));

        Assert.True(code == 0, errors);
        var rows = File.ReadAllLines(_out.File("scores.csv"));
        Assert.Equal("id,score,anomaly,label", rows[0]);
        Assert.Equal(10_001, rows.Length);
        Assert.EndsWith(",0", rows[1], StringComparison.Ordinal); // the file lists the zeros first
    }

    [Theory]
    [InlineData("cannot be read as a PNG, JPEG or BMP image", "broken.png")]
    [InlineData("is a CSV file, but the model was trained on images", "table.csv")]
    public void Input_the_model_cannot_take_exits_with_two_and_one_line(string problem, string file)
    {
        var path = file.EndsWith(".csv", StringComparison.Ordinal) ? _out.Write(file, "a,b\n1,2\n") : _out.Write(file, "not an image");

        var (code, output, errors) = CliTests.Run("encode", "--checkpoint", model.Checkpoint, "--input", path, "--out", _out.File("codes.csv"));

        Assert.Equal(2, code);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(problem, errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors + output, StringComparison.Ordinal);
        Assert.False(File.Exists(_out.File("codes.csv")));
    }

    [Fact]
    public void A_checkpoint_written_in_format_1_still_loads_evaluates_and_encodes()
    {
        using var old = new TempFolder();
        foreach (var file in new[] { Checkpoint.WeightsFileName, Checkpoint.MetadataFileName })
        {
            File.Copy(Path.Combine(model.Checkpoint, file), old.File(file));
        }

        // Format 1 had the data set's name and no recipe, selection, thresholds, optimizer hash or environment.
        var json = JsonNode.Parse(File.ReadAllText(old.File(Checkpoint.MetadataFileName)))!.AsObject();
        foreach (var added in new[] { "recipe", "selection", "thresholds", "optimizerSha256", "environment" })
        {
            json.Remove(added);
        }

        json["formatVersion"] = 1;
        json["dataset"] = "digits";
        json["preprocessing"] = null;
        File.WriteAllText(old.File(Checkpoint.MetadataFileName), json.ToJsonString());

        using (var trained = TrainedModel.Load(old.Path))
        {
            Assert.Equal("digits", trained.Recipe!.Source);
            Assert.Equal(DataFormat.Images, trained.Recipe.Format);
            Assert.Null(trained.Thresholds);
        }

        Assert.Equal(0, CliTests.Run("evaluate", "--checkpoint", old.Path, "--out", _out.File("evaluation")).Code);
        Assert.Equal(0, CliTests.Run("encode", "--checkpoint", old.Path, "--input", Path.Combine(RepositoryPaths.Root, "data", "digits"), "--out", _out.File("codes.csv")).Code);
        var (code, _, errors) = CliTests.Run("score", "--checkpoint", old.Path, "--input", Path.Combine(RepositoryPaths.Root, "data", "digits"), "--out", _out.File("scores.csv"));
        Assert.Equal(2, code);
        Assert.Contains("keeps no anomaly thresholds", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_writes_the_image_its_reconstruction_and_the_error_of_each_flagged_image_beside_the_scores()
    {
        var digits = Path.Combine(RepositoryPaths.Root, "data", "digits");

        var scored = ModelApplication.Score(new ApplyRequest(model.Checkpoint, digits, _out.File("explained.csv"), Threshold: "top1%", Explain: 1)).Scores!;

        var flagged = Enumerable.Range(0, scored.Ids.Count).Where(i => scored.Flags[i]).ToList();
        Assert.InRange(flagged.Count, 1, 300);
        foreach (var i in Enumerable.Range(0, scored.Ids.Count))
        {
            var picture = scored.Explanations![i];
            if (!scored.Flags[i])
            {
                Assert.Equal("", picture);
                continue;
            }

            // Three panels side by side: the image, its reconstruction, the per-pixel error.
            // A PNG's IHDR chunk holds its width and height, big-endian, at bytes 16 and 20.
            var header = File.ReadAllBytes(Path.Combine(_out.Path, picture))[16..24];
            var (width, height) = (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4)));
            Assert.Equal((3 * 28, 28), (width, height));
        }

        Assert.Equal(flagged.Count, Directory.GetFiles(_out.File("explained-explain"), "*.png").Length);
    }

    [Fact]
    public void Applying_a_model_leaks_no_tensors()
    {
        var digits = Path.Combine(RepositoryPaths.Root, "data", "digits");
        var request = new ApplyRequest(model.Checkpoint, digits, _out.File("codes.csv"));
        ModelApplication.Encode(request);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        ModelApplication.Encode(request);
        ModelApplication.Score(request with { Out = _out.File("scores.csv") });
        ModelApplication.Reconstruct(request with { Out = _out.File("rec") });

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}

/// <summary>Element-wise float comparison with an absolute tolerance.</summary>
internal sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
{
    public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

    public int GetHashCode(float obj) => 0;
}

internal static class TestImagesForApplication
{
    /// <summary>A grayscale PNG of the given size: a bright diagonal band on a dark background.</summary>
    public static byte[] BandPng(int width, int height)
    {
        using var scope = NewDisposeScope();
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = (byte)(Math.Abs(x - (y * width / height)) < 6 ? 230 : 20);
            }
        }

        return ImageFiles.EncodePng(pixels, width, height);
    }
}
