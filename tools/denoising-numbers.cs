// Measures the denoising table of the README and docs/denoising.md and writes docs/results/denoising.json, from which
// the documentation tests check every number quoted (docs/decisions.md, "Numbers in the documentation").
// Usage, from the repository root, after 'dotnet build cli -c Release':
//   dotnet run tools/denoising-numbers.cs               # train and evaluate (about 10 minutes on a 2-core machine)
//   dotnet run tools/denoising-numbers.cs -- --collect  # run nothing: read the evaluations an earlier run left in out/
// For each data set: 'train --model denoising' (Gaussian noise 0.5, the Keras blog's), then 'evaluate --noise-sweep
// --save-noisy', which measures the noisy input, the autoencoder and Gaussian blur, median and non-local means (their
// parameters chosen on the validation split) on the test split at noise 0.5, and the sweep 0.1 ... 0.7. One torch
// thread. Fashion-MNIST needs Debian's dataset-fashion-mnist; it is skipped, by name, without it.
// tools/denoise-check.py out/denoising/DATASET-evaluation then recomputes the classical rows with scikit-image.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

var root = Directory.GetCurrentDirectory();
var cli = Path.Combine(root, "cli", "bin", "Release", "net10.0", "autoencoders-cli.dll");
if (!File.Exists(cli))
{
    Console.Error.WriteLine($"error: {cli} is missing: run 'dotnet build cli -c Release' in the repository root first.");
    return 2;
}

var collect = args.Contains("--collect");
var runs = new List<(string Dataset, int Epochs)> { ("digits", 30) };
if (File.Exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"))
{
    runs.Add(("fashion-mnist", 10));
}
else
{
    Console.WriteLine("skipped: Fashion-MNIST (apt-get install dataset-fashion-mnist)");
}

var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
var commands = new SortedDictionary<string, string>(StringComparer.Ordinal);
string? cpu = null;
foreach (var (dataset, epochs) in runs)
{
    var checkpoint = Path.Combine("out", "denoising", dataset);
    var evaluation = checkpoint + "-evaluation";
    string[] train = ["train", "--dataset", dataset, "--model", "denoising", "--epochs", $"{epochs}", "--threads", "1", "--out", checkpoint];
    string[] evaluate = ["evaluate", "--checkpoint", checkpoint, "--noise-sweep", "--save-noisy", "--threads", "1", "--out", evaluation];
    Run(train);
    Run(evaluate);
    commands[dataset] = $"{string.Join(' ', train)} && {string.Join(' ', evaluate)}";
    using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, evaluation, "metrics.json")));
    cpu ??= document.RootElement.GetProperty("environment").TryGetProperty("cpu", out var name) ? name.GetString() : null;
    var denoising = document.RootElement.GetProperty("denoising");
    Record($"{dataset}", denoising.GetProperty("main"));
    foreach (var level in denoising.GetProperty("sweep").EnumerateArray())
    {
        Record($"{dataset}.sweep.{level.GetProperty("level").GetDouble().ToString("0.0", CultureInfo.InvariantCulture)}", level);
    }

    foreach (var other in denoising.GetProperty("otherKinds").EnumerateArray())
    {
        Record($"{dataset}.{other.GetProperty("noise").GetString()}", other);
    }
}

Write();
return 0;

void Record(string prefix, JsonElement report)
{
    var rows = report.GetProperty("methods").EnumerateArray().ToList();
    foreach (var row in rows)
    {
        var method = row.GetProperty("method").GetString()!.Replace(' ', '-');
        values[$"{prefix}.{method}.psnr"] = row.GetProperty("psnr").GetDouble();
        if (row.GetProperty("ssim") is { ValueKind: JsonValueKind.Number } ssim)
        {
            values[$"{prefix}.{method}.ssim"] = ssim.GetDouble();
        }

        if (row.GetProperty("parameter") is { ValueKind: JsonValueKind.Object } parameter)
        {
            values[$"{prefix}.{method}.{parameter.GetProperty("name").GetString()}"] = parameter.GetProperty("value").GetDouble();
        }
    }

    var best = rows.Where(row => row.GetProperty("parameter").ValueKind == JsonValueKind.Object).Max(row => row.GetProperty("psnr").GetDouble());
    var autoencoder = rows.First(row => row.GetProperty("method").GetString() == "autoencoder").GetProperty("psnr").GetDouble();
    values[$"{prefix}.autoencoder-over-best-classical.psnr"] = autoencoder - best;
    values[$"{prefix}.test-samples"] = report.GetProperty("testSamples").GetDouble();
    var summary = string.Join(", ", rows.Select(row => FormattableString.Invariant($"{row.GetProperty("method").GetString()} {row.GetProperty("psnr").GetDouble():F2} dB")));
    Console.WriteLine(FormattableString.Invariant($"{prefix}: {summary}; autoencoder - best classical = {autoencoder - best:+0.00;-0.00} dB"));
}

void Run(string[] arguments)
{
    if (collect)
    {
        return;
    }

    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
    foreach (var argument in new[] { cli }.Concat(arguments))
    {
        start.ArgumentList.Add(argument);
    }

    Console.Error.WriteLine($"$ autoencoders {string.Join(' ', arguments)}");
    using var process = Process.Start(start)!;
    _ = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"'{string.Join(' ', arguments)}' exited with {process.ExitCode}");
    }
}

void Write()
{
    var path = Path.Combine(root, "docs", "results", "denoising.json");
    var temporary = path + ".tmp";
    using (var stream = File.Create(temporary))
    using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
    {
        json.WriteStartObject();
        json.WriteString("command", "dotnet run tools/denoising-numbers.cs");
        json.WriteString("measured", $"{(collect ? "collected from out/ on" : "run on")} {DateTime.UtcNow:yyyy-MM-dd}, CPU {cpu ?? "unknown"}, 1 torch thread");
        json.WriteStartObject("commands");
        foreach (var (dataset, command) in commands)
        {
            json.WriteString(dataset, command);
        }

        json.WriteEndObject();
        json.WriteStartObject("values");
        foreach (var (key, value) in values)
        {
            json.WriteNumber(key, value);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    File.Move(temporary, path, overwrite: true);
    Console.WriteLine($"wrote {Path.GetRelativePath(root, path)} ({values.Count} values)");
}
