using System.Text.Json.Nodes;
using Autoencoders.Checkpoints;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Hostile;

/// <summary>
/// checkpoint.json is checked field by field before anything is built from it, evaluate refuses data that changed
/// since training, and export never leaves weights without their description (issue 25).
/// </summary>
public sealed class CheckpointIntegrityTests(TabularCheckpoint checkpoint) : IClassFixture<TabularCheckpoint>, IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, string> DamagedFields => new()
    {
        { "a list as the whole file", "[1,2,3]" },
        { "latentSize 1e9 written as a float", """{"model":{"latentSize":1e9}}""" },
        { "latentSize as text", """{"model":{"latentSize":"32"}}""" },
        { "an unknown kind", """{"model":{"kind":"transformer"}}""" },
        { "a negative hidden size", """{"model":{"hiddenSizes":[-4]}}""" },
        { "an empty input shape", """{"inputShape":[]}""" },
        { "a shortened scaler", """{"recipe":{"scaler":{"offsets":[0],"scales":[1]}}}""" },
        { "a scale of 0", """{"recipe":{"scaler":{"scales":[0,1,1,1,1,1]}}}""" },
        { "no threshold rules", """{"thresholds":{"rules":[]}}""" },
        { "a learning rate of 0", """{"training":{"learningRate":0}}""" },
        { "no weights checksum", """{"weightsSha256":null}""" },
        { "a newer format", """{"formatVersion":99}""" },
    };

    [Theory]
    [MemberData(nameof(DamagedFields))]
    public void A_damaged_field_is_refused_in_one_line_naming_the_file(string name, string edit)
    {
        var folder = Copy(name.Replace(' ', '-'));
        var path = Path.Combine(folder, Checkpoint.MetadataFileName);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        var edited = JsonNode.Parse(edit)!;
        File.WriteAllText(path, edited is JsonObject ? Merged(json, edited).ToJsonString() : edited.ToJsonString());

        var run = CliTests.Run("score", "--checkpoint", folder, "--threads", "1", "--input", TabularCheckpoint.Table, "--out", _temp.File("scores.csv"));

        Refusal.AssertOneLine(run, path);
        Assert.Contains(path, run.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("scores.csv")));
    }

    [Fact]
    public void Evaluate_refuses_training_data_that_changed_unless_told_to_use_them()
    {
        var data = _temp.File("thyroid.csv");
        File.Copy(TabularCheckpoint.Table, data);
        var model = _temp.File("model");
        Assert.Equal(0, CliTests.Run("train", "--dataset", data, "--label-column", "label", "--epochs", "1", "--threads", "1", "--out", model).Code);
        var lines = File.ReadAllLines(data);
        File.WriteAllLines(data, lines.Take(lines.Length - 100));

        var refused = CliTests.Run("evaluate", "--checkpoint", model, "--threads", "1", "--out", _temp.File("evaluation"));
        var allowed = CliTests.Run("evaluate", "--checkpoint", model, "--threads", "1", "--allow-changed-data", "--out", _temp.File("evaluation"));

        Refusal.AssertOneLine(refused, data, model);
        Assert.Contains($"{data} changed since", refused.Errors, StringComparison.Ordinal);
        Assert.True(allowed.Code == 0, allowed.Errors);
    }

    [Fact]
    public void Export_that_cannot_write_the_description_leaves_no_weights_either()
    {
        var folder = _temp.File("export");
        Directory.CreateDirectory(Path.Combine(folder, Checkpoint.MetadataFileName)); // a folder where the file goes

        var run = CliTests.Run("export", "--checkpoint", checkpoint.Path, "--threads", "1", "--out", Path.Combine(folder, "model.pt"));

        Assert.Equal(2, run.Code);
        Assert.False(File.Exists(Path.Combine(folder, "model.pt")), "model.pt was left without its checkpoint.json");
    }

    private string Copy(string name)
    {
        var destination = _temp.File(name);
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(checkpoint.Path))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        return destination;
    }

    private static JsonNode Merged(JsonNode target, JsonNode edit)
    {
        foreach (var (name, value) in edit.AsObject())
        {
            if (value is JsonObject inner && target[name] is JsonObject existing)
            {
                Merged(existing, inner);
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }

        return target;
    }
}
