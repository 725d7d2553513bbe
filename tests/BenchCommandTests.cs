using System.Globalization;
using System.Text.Json;
using Autoencoders.Cli.Bench;
using Autoencoders.Native;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests;

public class BenchCommandTests
{
    [Fact]
    public void Bench_on_digits_runs_every_measurement_and_writes_json_and_markdown()
    {
        using var folder = new TempFolder();
        var threadsBefore = TorchRuntime.Threads.Count;

        var (code, output, errors) = CliTests.Run("bench", "--dataset", "digits", "--repetitions", "1", "--samples", "512", "--out", folder.Path);

        Assert.Equal(0, code);
        Assert.Empty(errors);
        Assert.Contains("idx-load-vs-gunzip: ratio", output, StringComparison.Ordinal);
        Assert.Contains("trainer-overhead: overhead", output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(folder.File("bench.json")));
        Assert.Equal("digits", json.RootElement.GetProperty("dataset").GetString());
        var measurements = json.RootElement.GetProperty("measurements").EnumerateArray()
            .ToDictionary(measurement => measurement.GetProperty("name").GetString()!, Figures);
        Assert.Equal(["idx-load-vs-gunzip", "native-heap", "trainer-overhead", "matmul-peak", "training-throughput", "encode-throughput", "onnx-score-throughput", "memory-growth", "contention"],
            measurements.Keys);
        Assert.Equal(10000, measurements["idx-load-vs-gunzip"]["images"]);
        Assert.True(measurements["idx-load-vs-gunzip"]["ratio load / decompress"] > 0);
        Assert.True(measurements["matmul-peak"]["peak (median)"] > 0);
        // The warm-up runs by time, not by a count of products.
        Assert.True(measurements["matmul-peak"]["warm-up"] >= MatmulPeak.WarmUp.TotalSeconds);
        Assert.True(measurements["matmul-peak"]["warm-up products"] >= 1);
        Assert.Equal(3, measurements["matmul-peak"]["products timed"]);
        Assert.True(measurements["training-throughput"]["matmul peak before (median)"] > 0);
        Assert.True(measurements["training-throughput"]["matmul peak after (median)"] > 0);
        Assert.True(measurements["training-throughput"]["after: warm-up"] >= MatmulPeak.WarmUp.TotalSeconds);
        Assert.Contains("matmul peak spread after / before - 1", measurements["training-throughput"].Keys);
        Assert.Equal(512, measurements["trainer-overhead"]["samples"]);
        Assert.True(measurements["trainer-overhead"]["trainer epoch (median)"] > 0);
        Assert.True(measurements["trainer-overhead"]["hand-written epoch (median)"] > 0);
        Assert.Contains("overhead trainer / hand-written - 1", measurements["trainer-overhead"].Keys);
        foreach (var model in new[] { "dense", "conv" })
        {
            Assert.True(measurements["training-throughput"][$"{model} throughput"] > 0);
            Assert.True(measurements["training-throughput"][$"{model} achieved"] > 0);
            Assert.True(measurements["training-throughput"][$"{model} fraction of matmul peak"] > 0);
            Assert.Equal(OperatingSystem.IsLinux(), measurements["training-throughput"].ContainsKey($"{model} page faults per epoch"));
            Assert.True(measurements["encode-throughput"][$"{model} throughput"] > 0);
        }

        foreach (var label in new[] { "table, batch 1", "table, batch 1,024", "conv, batch 1" })
        {
            Assert.True(measurements["onnx-score-throughput"][$"{label} TorchSharp"] > 0);
            Assert.True(measurements["onnx-score-throughput"][$"{label} ONNX Runtime / TorchSharp"] > 0);
        }

        Assert.Equal(10, measurements["memory-growth"]["epochs"]);
        Assert.True(measurements["memory-growth"]["resident after epoch 10"] > 0);
        // Zero is the target, and the trainer must meet it: a leak here is a bug, not noise.
        Assert.Equal(0, measurements["memory-growth"]["live tensors left after training"]);
        AssertNativeHeap(measurements["native-heap"]);
        AssertContention(measurements["contention"], output);
        Assert.Empty(NeighboursOfThisProcess());
        Assert.Equal(threadsBefore, TorchRuntime.Threads.Count);
        var markdown = File.ReadAllText(folder.File("bench.md"));
        Assert.Contains("| ratio load / decompress |", markdown, StringComparison.Ordinal);
        Assert.Contains("## memory-growth", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown data set", "bench", "--dataset", "bogus")]
    [InlineData("--repetitions must be at least 1", "bench", "--repetitions", "0")]
    [InlineData("--samples must be at least 256", "bench", "--samples", "10")]
    public void Bad_input_exits_with_two_and_one_line(string problem, params string[] args)
    {
        var (code, _, errors) = CliTests.Run(args);

        Assert.Equal(2, code);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(problem, errors, StringComparison.Ordinal);
    }

    private static void AssertNativeHeap(Dictionary<string, double> heap)
    {
        Assert.Equal(MallocTuning.Applied ? 1 : 0, heap["malloc thresholds raised (1 = yes)"]);
        Assert.Equal(1, heap["timed epochs each"]);
        foreach (var loop in new[] { "finalizing", "never finalizing" })
        {
            Assert.True(heap[$"{loop}: epoch (median)"] > 0);
            Assert.Contains($"{loop}: resident memory gained per epoch", heap.Keys);
            Assert.Equal(OperatingSystem.IsLinux(), heap.ContainsKey($"{loop}: page faults per epoch (median)"));
        }
    }

    private static void AssertContention(Dictionary<string, double> contention, string output)
    {
        if (!BusyNeighbour.IsSupported)
        {
            Assert.Contains("contention: skipped", output, StringComparison.Ordinal);
            return;
        }

        Assert.Equal(512, contention["samples per epoch"]);
        foreach (var policy in new[] { "default policy", "1 thread", "one per core" })
        {
            foreach (var condition in new[] { "quiet", "busy" })
            {
                Assert.True(contention[$"{policy}, {condition}: epoch (median)"] > 0);
                Assert.InRange(contention[$"{policy}, {condition}: threads"], 1, Environment.ProcessorCount);
            }

            Assert.True(contention[$"{policy}: busy / quiet"] > 0);
        }

        Assert.Equal(1, contention["1 thread, busy: threads"]);
        Assert.Equal(Environment.ProcessorCount, contention["one per core, quiet: threads"]);
        Assert.Contains("default policy, quiet / one per core, quiet - 1", contention.Keys);
        Assert.True(contention["neighbour's CPU use (mean of the busy conditions)"] > 0);
        Assert.Contains("contention: default policy:", output, StringComparison.Ordinal);
    }

    // Children of this (test) process that run the bench's busy loop: the bench must have stopped every one.
    private static List<int> NeighboursOfThisProcess()
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        var neighbours = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (parent == Environment.ProcessId && File.ReadAllText(Path.Combine(folder, "cmdline")).Contains(BusyNeighbour.Marker, StringComparison.Ordinal))
                {
                    neighbours.Add(id);
                }
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
        }

        return neighbours;
    }

    private static Dictionary<string, double> Figures(JsonElement measurement) =>
        measurement.GetProperty("figures").EnumerateArray()
            .ToDictionary(figure => figure.GetProperty("name").GetString()!, figure => figure.GetProperty("value").GetDouble());
}
