// Measures how far the main job's numbers move when only the arithmetic changes: README command 1 ('run') once per
// libtorch CPU capability (ATEN_CPU_CAPABILITY: the kernels another CPU would use) and thread count, same seed.
// Prints a Markdown table for the README and writes the values to docs/results/reproducibility.json, from which the
// documentation tests check the README's table. Usage, from the repository root, after 'dotnet build cli -c Release':
//   dotnet run tools/reproducibility.cs [-- EXTRA RUN OPTIONS, e.g. --epochs 3]
//   dotnet run tools/reproducibility.cs -- --collect     # run nothing: read the metrics an earlier run left in out/
// Takes about six times as long as one 'run' (about 5 minutes on a 2-core machine); writes under out/reproducibility/.
using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics.X86;
using System.Text.Json;

var root = Directory.GetCurrentDirectory();
var cli = Path.Combine(root, "cli", "bin", "Release", "net10.0", "autoencoders-cli.dll");
if (!File.Exists(cli))
{
    Console.Error.WriteLine($"error: {cli} is missing: run 'dotnet build cli -c Release' in the repository root first.");
    return 2;
}

var capabilities = new List<string> { "default", "avx2" };
if (Avx512F.VL.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported)
{
    capabilities.Add("avx512");
}

var metrics = new (string Name, string Format, Func<JsonElement, double> Read)[]
{
    ("test MSE", "F5", m => m.GetProperty("test").GetProperty("mse").GetDouble()),
    ("SSIM", "F4", m => m.GetProperty("test").GetProperty("ssim").GetDouble()),
    ("5-NN accuracy", "F1", m => m.GetProperty("knn").GetProperty("latent").GetDouble() * 100),
    ("anomaly ROC AUC", "F3", m => m.GetProperty("anomaly").GetProperty("report").GetProperty("auc").GetDouble()),
    ("PCA test MSE", "F5", m => m.GetProperty("pca").GetProperty("mse").GetDouble()),
};

var collect = args.Contains("--collect");
var runOptions = args.Where(arg => arg != "--collect").ToArray();
var keys = new[] { "test.mse", "test.ssim", "knn.latent.percent", "anomaly.auc", "pca.mse" };
var runs = new List<(string Capability, int Threads, double[] Values)>();
string? cpu = null;
foreach (var capability in capabilities)
{
    foreach (var threads in new[] { 1, 2 })
    {
        var folder = Path.Combine(root, "out", "reproducibility", $"{capability}-{threads}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        foreach (var argument in new[] { cli, "run", "--threads", threads.ToString(CultureInfo.InvariantCulture), "--out", folder }.Concat(runOptions))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ATEN_CPU_CAPABILITY"] = capability;
        if (!collect)
        {
            Console.Error.WriteLine($"run: ATEN_CPU_CAPABILITY={capability} --threads {threads} ...");
            using var process = Process.Start(start)!;
            _ = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine($"error: the run with ATEN_CPU_CAPABILITY={capability} --threads {threads} exited with {process.ExitCode}.");
                return 1;
            }
        }

        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "metrics.json")));
        cpu ??= document.RootElement.GetProperty("environment").GetProperty("cpu").GetString();
        runs.Add((capability, threads, [.. metrics.Select(metric => metric.Read(document.RootElement))]));
    }
}

var invariant = CultureInfo.InvariantCulture;
Console.WriteLine($"| CPU capability, threads | {string.Join(" | ", metrics.Select(m => m.Name))} |");
Console.WriteLine($"| --- |{string.Concat(metrics.Select(_ => " ---: |"))}");
foreach (var (capability, threads, values) in runs)
{
    Console.WriteLine($"| {capability}, {threads} | {string.Join(" | ", values.Select((v, i) => v.ToString(metrics[i].Format, invariant) + (i == 2 ? " %" : "")))} |");
}

// Relative spread (max - min) / |mean|, and the significant digits all runs share: -log10 of that spread, rounded down.
var spreads = metrics.Select((_, i) =>
{
    var column = runs.Select(run => run.Values[i]).ToList();
    var relative = (column.Max() - column.Min()) / Math.Abs(column.Average());
    return relative;
}).ToList();
Console.WriteLine($"| relative spread (max − min) / mean | {string.Join(" | ", spreads.Select(s => s.ToString("P2", invariant)))} |");
Console.WriteLine($"| significant digits in common | {string.Join(" | ", spreads.Select(s => s == 0 ? "all" : Math.Max(0, Math.Floor(-Math.Log10(s))).ToString(invariant)))} |");

// docs/results/reproducibility.json: CAPABILITY-THREADS.KEY for every run, spread.KEY (in %) for every metric.
var path = Path.Combine(root, "docs", "results", "reproducibility.json");
Directory.CreateDirectory(Path.GetDirectoryName(path)!);
using (var stream = File.Create(path + ".tmp"))
using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
{
    json.WriteStartObject();
    json.WriteString("command", "dotnet run tools/reproducibility.cs");
    json.WriteString("source", $"{(collect ? "collected from out/reproducibility on" : "run on")} {DateTime.UtcNow:yyyy-MM-dd}, CPU {cpu ?? "unknown"}");
    json.WriteStartObject("values");
    foreach (var (capability, threads, values) in runs)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            json.WriteNumber($"{capability}-{threads}.{keys[i]}", values[i]);
        }
    }

    for (var i = 0; i < keys.Length; i++)
    {
        json.WriteNumber($"spread.{keys[i]}.percent", spreads[i] * 100);
    }

    json.WriteEndObject();
    json.WriteEndObject();
}

File.Move(path + ".tmp", path, overwrite: true);
Console.Error.WriteLine($"wrote {Path.GetRelativePath(root, path)}");
return 0;
