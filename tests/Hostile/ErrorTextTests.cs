using System.IO.Compression;
using Autoencoders.Checkpoints;
using Autoencoders.Data;
using Autoencoders.Interop;
using Autoencoders.Tests.Interop;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Hostile;

/// <summary>Error text for people (issue 25): one line of at most ~300 characters, lists elided with counts, no library type names.</summary>
public sealed class ErrorTextTests(TabularCheckpoint checkpoint) : IClassFixture<TabularCheckpoint>, IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("--label-column", "nope")]
    [InlineData("--columns", "x,y")]
    public void A_header_of_ten_thousand_columns_gives_a_short_line_with_a_count(string option, string value)
    {
        var columns = Enumerable.Range(0, 10_000).Select(i => $"column{i}").ToList();
        var row = string.Join(',', columns.Select(_ => "1")) + "\n";
        var file = _temp.Write("wide.csv", string.Join(',', columns) + "\n" + row + row + row);

        var run = CliTests.Run("train", "--dataset", file, option, value, "--epochs", "1", "--threads", "1", "--out", _temp.File("out"));

        Refusal.AssertOneLine(run, file);
        Assert.Contains("and 9,992 more", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pickle_with_a_number_for_a_tensor_name_is_refused_without_dotnet_type_names()
    {
        // PROTO 2, EMPTY_DICT, BININT1 5, SHORT_BINUNICODE "x", SETITEM, STOP: {5: "x"}.
        byte[] pickle = [0x80, 0x02, (byte)'}', (byte)'K', 5, 0x8c, 1, (byte)'x', (byte)'s', (byte)'.'];
        var file = _temp.File("numbers.pt");
        using (var archive = ZipFile.Open(file, ZipArchiveMode.Create))
        {
            using var entry = archive.CreateEntry("archive/data.pkl").Open();
            entry.Write(pickle);
        }

        using var model = InteropCases.Create("dense", seed: 1);

        var error = Assert.Throws<DataInputException>(() => PyTorchImport.Load(model, file));

        Refusal.AssertReadable(error.Message, file);
    }

    [Fact]
    public void Safetensors_naming_a_tensor_twice_are_refused()
    {
        using var model = InteropCases.Create("dense", seed: 1);
        var header = """{"decoder.0.bias":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"decoder.0.bias":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"""u8.ToArray();
        var file = _temp.Write("twice.safetensors", [.. BitConverter.GetBytes((ulong)header.Length), .. header, 1, 2, 3, 4, 5, 6, 7, 8]);

        var error = Assert.Throws<DataInputException>(() => PyTorchImport.Load(model, file));

        Assert.Contains("decoder.0.bias is named twice", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"formatVersion\": 2, \"model\": {")]
    [InlineData("not json")]
    [InlineData("{\"formatVersion\": 2, \"model\": {\"kind\": \"dense\", \"latentSize\": 4}, \"inputShape\": [6], \"training\": {\"epochs\": 1, \"batchSize\": 1, \"learningRate\": 0.1}, \"history\": {\"epochs\": [{\"epoch\": \"one\"}]}, \"weightsSha256\": \"" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" + "\"}")]
    public void A_broken_checkpoint_json_is_described_without_library_names(string text)
    {
        var folder = _temp.File("broken");
        Directory.CreateDirectory(folder);
        var path = _temp.Write(Path.Combine("broken", Checkpoint.MetadataFileName), text);

        var run = CliTests.Run("score", "--checkpoint", folder, "--threads", "1", "--input", TabularCheckpoint.Table, "--out", _temp.File("scores.csv"));

        Refusal.AssertOneLine(run, path);
        _ = checkpoint;
    }

    [Fact]
    public void A_list_shows_its_first_names_and_counts_the_rest_and_a_long_text_keeps_its_start_and_end()
    {
        var names = Listing.Names(Enumerable.Range(0, 10_000).Select(i => new string('n', i % 100)));
        var clipped = Listing.Clip("start " + new string('x', 10_000) + " end", 100);

        Assert.EndsWith("… and 9,992 more", names, StringComparison.Ordinal);
        Assert.True(names.Length < 400, names);
        Assert.StartsWith("start ", clipped, StringComparison.Ordinal);
        Assert.EndsWith(" end", clipped, StringComparison.Ordinal);
        Assert.Contains("characters left out", clipped, StringComparison.Ordinal);
        Assert.True(clipped.Length <= 100, clipped);
    }
}
