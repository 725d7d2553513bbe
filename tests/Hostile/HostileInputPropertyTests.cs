using System.Globalization;
using System.Text.Json.Nodes;
using Autoencoders.Checkpoints;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Hostile;

/// <summary>
/// A seeded property test (issue 25): random edits of a valid checkpoint.json given to every verb that reads one, and
/// random values for train's options, must end with exit 0 or 2 (130 when the run is stopped on purpose), never an
/// internal error or a stack trace, and a refused run leaves its output folder and the checkpoint as they were. A
/// failure names its seed and the edit, so it can be replayed. Runs in process on the thyroid table to stay fast (about
/// 7 s). FUZZ_OFFSET=N shifts the seeds to explore further (its first runs found six crashes, fixed in CheckpointSchema).
/// </summary>
public sealed class HostileInputPropertyTests(TabularCheckpoint checkpoint) : IClassFixture<TabularCheckpoint>, IDisposable
{
    private const int Edits = 120;
    private const int OptionRuns = 80;
    private static readonly int Offset = int.Parse(Environment.GetEnvironmentVariable("FUZZ_OFFSET") ?? "0", CultureInfo.InvariantCulture);

    private static readonly string[] HostileJson =
    [
        "0", "-1", "1e9", "1000000000", "2147483648", "-2147483649", "1e308", "-1e308", "0.5", "1e-320", "\"\"", "\"x\"",
        "null", "true", "[]", "{}", "[1,2,3]", "[-1]", "[1e9,1e9]", "\"" + new string('a', 5000) + "\"", "{\"a\":1}",
    ];

    private static readonly string[] HostileValues =
    [
        "0", "-1", "1e9", "1000000000", "2147483647", "2147483648", "NaN", "Infinity", "-0", "0.5", "x", " ", "1,2,3", "-5,5",
        "100000,100000", "99999999999999999999", "1e-300",
    ];

    private static readonly string[] TrainOptions =
    [
        "--latent", "--hidden", "--kernel-size", "--dropout", "--epochs", "--batch-size", "--lr", "--seed", "--noise", "--patience",
        "--validation", "--beta", "--sparsity", "--clip-norm", "--threads", "--window", "--stride", "--test-fraction", "--split-seed",
        "--label-column", "--columns", "--exclude-class",
    ];

    private static readonly string[] Models = ["dense", "deep", "conv", "vae", "sequence", "sparse", "linear", "denoising"];

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Random_edits_of_checkpoint_json_end_in_exit_0_or_2_and_change_nothing_when_refused()
    {
        var failures = new List<string>();
        for (var seed = 0; seed < Edits; seed++)
        {
            var random = new Random(seed + Offset);
            var folder = Copy($"edit-{seed}");
            var path = Path.Combine(folder, Checkpoint.MetadataFileName);
            var edit = Edit(path, random);
            var before = Snapshot(folder);
            var output = _temp.File($"out-{seed}");
            string[] verb = random.Next(6) switch
            {
                0 => ["encode", "--input", TabularCheckpoint.Table, "--out", Path.Combine(output, "codes.csv")],
                1 => ["reconstruct", "--input", TabularCheckpoint.Table, "--out", output],
                2 => ["export", "--out", Path.Combine(output, "model.pt")],
                3 => ["evaluate", "--out", output],
                4 => ["train", "--resume", folder, "--epochs", "1", "--out", output],
                _ => ["score", "--input", TabularCheckpoint.Table, "--out", Path.Combine(output, "scores.csv")],
            };
            string[] arguments = verb[0] == "train" ? [.. verb, "--threads", "1"] : [verb[0], "--checkpoint", folder, "--threads", "1", .. verb[1..]];

            var run = CliTests.Run(arguments);

            if (Problem(run, output) is { } problem)
            {
                failures.Add($"seed {seed + Offset}, {edit}, {verb[0]}: {problem}");
            }

            if (!Snapshot(folder).SequenceEqual(before))
            {
                failures.Add($"seed {seed + Offset}, {edit}, {verb[0]}: the checkpoint folder changed");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Random_option_values_for_train_end_in_exit_0_2_or_130_without_a_trace()
    {
        var failures = new List<string>();
        for (var seed = 0; seed < OptionRuns; seed++)
        {
            var random = new Random(1000 + seed + Offset);
            var model = Models[random.Next(Models.Length)];
            var options = Enumerable.Range(0, 1 + random.Next(2))
                .SelectMany(_ => new[] { TrainOptions[random.Next(TrainOptions.Length)], HostileValues[random.Next(HostileValues.Length)] }).ToArray();
            var output = _temp.File($"train-{seed}");
            var dataset = model == "sequence" ? Path.Combine(RepositoryPaths.Root, "data", "sensors.csv") : TabularCheckpoint.Table;
            string[] data = model == "sequence" ? ["--dataset", dataset, "--window", "16"] : model is "conv" or "denoising" ? [] : ["--dataset", dataset, "--label-column", "label"];

            // Stopped before the first batch: what is checked is everything up to training (options, data, model sizes),
            // without a legal but long run (--epochs 2147483647) taking the test's time.
            using var stop = new CancellationTokenSource();
            stop.Cancel();
            var run = CliTests.Run(stop.Token, ["train", "--model", model, .. data, "--threads", "1", .. options, "--out", output]);

            if (run.Code != 130 && Problem(run, output) is { } problem)
            {
                failures.Add($"seed {1000 + seed + Offset}, --model {model} {string.Join(' ', options)}: {problem}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    // What is wrong with a run's outcome, or null.
    private static string? Problem((int Code, string Output, string Errors) run, string output)
    {
        if (run.Code is not (0 or 2))
        {
            return $"exit {run.Code}: {Shorten(run.Errors)}";
        }

        if (run.Errors.Contains("   at ", StringComparison.Ordinal) || run.Output.Contains("   at ", StringComparison.Ordinal))
        {
            return $"a stack trace: {Shorten(run.Errors)}";
        }

        if (run.Code == 2)
        {
            var lines = run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (lines.Length != 1 || lines[0].Length > 600)
            {
                return $"{lines.Length} error lines, the first {lines.FirstOrDefault()?.Length ?? 0} characters: {Shorten(run.Errors)}";
            }

            if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
            {
                return "the refused run wrote into its output folder";
            }
        }

        return null;
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    // One random change to the file: a value replaced, a property removed, or the text cut short. Returns what was done.
    private static string Edit(string path, Random random)
    {
        var text = File.ReadAllText(path);
        if (random.Next(10) == 0)
        {
            var cut = random.Next(text.Length);
            File.WriteAllText(path, text[..cut]);
            return string.Create(CultureInfo.InvariantCulture, $"cut at {cut}");
        }

        var root = JsonNode.Parse(text)!;
        var places = new List<(JsonNode Parent, string? Name, int Index, string Where)>();
        Collect(root, "$", places);
        var (parent, name, index, where) = places[random.Next(places.Count)];
        var value = HostileJson[random.Next(HostileJson.Length)];
        if (name is not null && random.Next(5) == 0)
        {
            parent.AsObject().Remove(name);
            File.WriteAllText(path, root.ToJsonString());
            return $"{where} removed";
        }

        if (name is not null)
        {
            parent[name] = JsonNode.Parse(value);
        }
        else
        {
            parent[index] = JsonNode.Parse(value);
        }

        File.WriteAllText(path, root.ToJsonString());
        return $"{where} = {(value.Length > 20 ? value[..20] + "…" : value)}";
    }

    private static void Collect(JsonNode node, string where, List<(JsonNode, string?, int, string)> places)
    {
        switch (node)
        {
            case JsonObject target:
                foreach (var (name, child) in target.ToList())
                {
                    places.Add((target, name, -1, $"{where}.{name}"));
                    if (child is not null)
                    {
                        Collect(child, $"{where}.{name}", places);
                    }
                }

                break;
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    places.Add((list, null, i, $"{where}[{i}]"));
                    if (list[i] is { } child)
                    {
                        Collect(child, $"{where}[{i}]", places);
                    }
                }

                break;
        }
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

    private static List<(string Name, string Sha256)> Snapshot(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(file => (Path.GetRelativePath(folder, file), Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)))))];
}
