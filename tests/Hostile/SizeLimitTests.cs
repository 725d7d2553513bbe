using System.Text.Json.Nodes;
using Autoencoders.Checkpoints;
using Autoencoders.Data;
using Autoencoders.Models;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Hostile;

/// <summary>
/// Every size an option or a checkpoint.json names is checked against what the machine holds before libtorch allocates
/// it (issue 25): exit 2 and one line naming the value and the limit, where libtorch's allocator used to fail with a
/// 34-line trace (or the process was killed).
/// </summary>
public sealed class SizeLimitTests(HostileCheckpoint checkpoint) : IClassFixture<HostileCheckpoint>, IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> AbsurdTrainOptions =>
    [
        "--latent 1000000000",
        "--model dense --hidden 1000000000",
        "--model deep --hidden 100000,100000",
        "--model conv --kernel-size 1000001",
        "--model conv --latent 2000000000",
        "--threads 100000",
        "--dataset SENSORS --model sequence --window 32 --stride 1000000000",
    ];

    [Theory]
    [MemberData(nameof(AbsurdTrainOptions))]
    public void Train_with_an_absurd_size_is_refused_in_one_line_and_writes_nothing(string options)
    {
        var sensors = Path.Combine(RepositoryPaths.Root, "data", "sensors.csv");
        var given = options.Split(' ').Select(option => option == "SENSORS" ? sensors : option);
        var folder = _temp.File("out");

        var run = CliTests.Run(["train", "--epochs", "1", "--threads", "1", .. given, "--out", folder]);

        Refusal.AssertOneLine(run);
        Assert.False(Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any(), "the refused run wrote into its output folder");
    }

    public static TheoryData<string, string> AbsurdCheckpointEdits => new()
    {
        { "latentSize 1e9", """{"model":{"latentSize":1000000000}}""" },
        { "hiddenSizes [1e9]", """{"model":{"hiddenSizes":[1000000000]}}""" },
        { "kernelSize 1000001", """{"model":{"kind":"conv","kernelSize":1000001}}""" },
        { "channels [1e9, 16]", """{"model":{"kind":"conv","channels":[1000000000,16]}}""" },
        { "inputShape [1, 1e5, 1e5]", """{"inputShape":[1,100000,100000]}""" },
    };

    [Theory]
    [MemberData(nameof(AbsurdCheckpointEdits))]
    public void A_checkpoint_naming_an_absurd_size_is_refused_in_one_line_naming_the_file(string name, string edit)
    {
        var folder = checkpoint.CopyTo(_temp.File(name.Replace(' ', '-')));
        var path = Path.Combine(folder, Checkpoint.MetadataFileName);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        Merge(json, JsonNode.Parse(edit)!);
        File.WriteAllText(path, json.ToJsonString());

        var run = CliTests.Run("encode", "--checkpoint", folder, "--threads", "1", "--input", _temp.File("none.csv"), "--out", _temp.File("codes.csv"));

        Refusal.AssertOneLine(run, path);
        Assert.Contains(path, run.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("codes.csv")));
    }

    [Theory]
    [InlineData("dense")]
    [InlineData("deep")]
    [InlineData("vae")]
    [InlineData("conv")]
    [InlineData("sequence")]
    public void The_estimated_parameter_count_is_within_a_factor_of_two_of_the_built_model(string kind)
    {
        var options = new ModelOptions(Enum.Parse<ModelKind>(kind, ignoreCase: true), LatentSize: 8);
        long[] shape = kind == "sequence" ? [32, 3] : [1, 28, 28];
        using var model = ModelFactory.Create(options, shape, seed: 1);
        var built = model.parameters().Sum(parameter => (double)parameter.numel());

        var estimated = ModelSize.Of(options, shape).Parameters;

        Assert.InRange(estimated / built, 0.5, 2.0);
    }

    [Fact]
    public void A_model_too_large_for_the_memory_names_the_parameters_the_memory_and_the_sizes()
    {
        var error = Assert.Throws<DataInputException>(() => ModelSize.Require(new ModelOptions(LatentSize: 1000), [1, 28, 28], memoryBytes: 1 << 20));

        Assert.Contains("latent 1,000", error.Message, StringComparison.Ordinal);
        Assert.Contains("parameters", error.Message, StringComparison.Ordinal);
        Assert.Contains("GB of memory here", error.Message, StringComparison.Ordinal);
        Refusal.AssertReadable(error.Message);
    }

    [Fact]
    public void A_huge_epoch_count_is_run_but_said_first()
    {
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        var (code, output, _) = CliTests.Run(stop.Token, "train", "--epochs", "1000000000", "--threads", "1", "--out", _temp.File("out"));

        Assert.Equal(130, code);
        Assert.Contains("note: --epochs 1,000,000,000 asks for up to 1,000,000,000 passes", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_split_and_seed_counts_are_said_with_what_they_train()
    {
        using var stop = new CancellationTokenSource();
        stop.Cancel();
        var table = Path.Combine(RepositoryPaths.Root, "data", "odds", "thyroid.csv");

        var splits = CliTests.Run(stop.Token, "anomaly-benchmark", "--dataset", table, "--label-column", "label", "--splits", "1000000", "--threads", "1", "--out", _temp.File("splits"));
        var seeds = CliTests.Run(stop.Token, "anomaly-benchmark", "--dataset", "digits", "--protocol", "one-class", "--seeds", "1000000", "--threads", "1", "--out", _temp.File("seeds"));

        Assert.Contains("note: --splits 1,000,000 trains 1,000,000 autoencoders", splits.Output, StringComparison.Ordinal);
        Assert.Contains("note: --seeds 1,000,000 trains one autoencoder per class and seed", seeds.Output, StringComparison.Ordinal);
    }

    private static void Merge(JsonNode target, JsonNode edit)
    {
        foreach (var (name, value) in edit.AsObject())
        {
            if (value is JsonObject inner && target[name] is JsonObject existing)
            {
                Merge(existing, inner);
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }
    }
}
