// Reruns the commands whose results the README quotes, prints each result, and writes them to
// docs/results/readme-numbers.json, from which the documentation tests check every number the README quotes from it
// (docs/decisions.md, "Numbers in the documentation"), so a changed number cannot hide.
// Usage, from the repository root, after 'dotnet build cli -c Release':
//   dotnet run tools/readme-numbers.cs                 # everything but benchmarks (about 25 minutes on a 2-core machine)
//   dotnet run tools/readme-numbers.cs -- run anomaly  # only the named groups: run, quality, anchors, anomaly, benchmarks
//   dotnet run tools/readme-numbers.cs -- --collect quality   # run nothing: read the outputs an earlier run left in out/
// 'benchmarks' runs the README's anomaly-benchmark commands (about 15 minutes, most of it the one-class protocol).
// Fashion-MNIST rows need Debian's dataset-fashion-mnist (or a download); they are skipped, by name, without it.
// Outputs are written under out/readme/ (the benchmarks under the README's own out/ folders); the results file keeps
// the values of the groups not run.
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
var named = args.Where(arg => arg != "--collect").ToHashSet(StringComparer.Ordinal);
var groups = named.Count > 0 ? named : ["run", "quality", "anchors", "anomaly"];
var fashion = File.Exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");
var output = Path.Combine(root, "out", "readme");
var invariant = CultureInfo.InvariantCulture;
var results = new SortedDictionary<string, double>(StringComparer.Ordinal);
string? cpu = null;

if (groups.Contains("run"))
{
    var clock = Stopwatch.StartNew();
    Run("run", "--out", Folder("run"));
    var m = Metrics(Folder("run"));
    RecordMetrics("run", m);
    Print($"command 1{(collect ? "" : $" ({clock.Elapsed.TotalSeconds:F0} s)")}: test MSE {Get(m, "test", "mse"):F5} (PCA {Get(m, "pca", "mse"):F5}), SSIM {Get(m, "test", "ssim"):F3}, " +
        $"5-NN {Get(m, "knn", "latent"):P1}, anomaly ROC AUC {Get(m, "anomaly", "report", "auc"):F3}");
}

if (groups.Contains("quality"))
{
    Print("quality table: data set | model | test MSE | test BCE | PCA MSE");
    Quality("digits", "dense", 40);
    Quality("digits", "conv", 20, evaluateTable: true);
    if (fashion)
    {
        Quality("fashion-mnist", "dense", 20);
        Quality("fashion-mnist", "conv", 10);
    }
    else
    {
        Print("skipped: the Fashion-MNIST rows (install dataset-fashion-mnist)");
    }
}

if (groups.Contains("anchors"))
{
    if (fashion)
    {
        Anchor("tf-intro", "--dataset", "fashion-mnist", "--model", "dense", "--latent", "64", "--epochs", "10", "--batch-size", "32", "--patience", "0");
    }
    else
    {
        Print("skipped: the TensorFlow anchor (install dataset-fashion-mnist)");
    }

    Anchor("keras-simple", "--dataset", "digits", "--model", "dense", "--latent", "32", "--epochs", "50", "--batch-size", "256", "--loss", "bce", "--patience", "0");
    Anchor("keras-deep", "--dataset", "digits", "--model", "deep", "--hidden", "128,64", "--latent", "32", "--epochs", "100", "--batch-size", "256", "--loss", "bce", "--patience", "0");
}

if (groups.Contains("anomaly"))
{
    foreach (var digit in new[] { 0, 1 })
    {
        var name = $"without-{digit}";
        Run("train", "--dataset", "digits", "--model", "dense", "--latent", "32", "--epochs", "20", "--exclude-class", $"{digit}", "--out", Folder(name));
        Run("evaluate", "--checkpoint", Folder(name), "--anomaly-class", $"{digit}", "--png", "--out", Folder(name + "-evaluation"));
        PrintAnomaly($"digits, {digit} held out", name, Metrics(Folder(name + "-evaluation")));
    }

    Run("train", "--dataset", "data/sensors.csv", "--window", "32", "--stride", "4", "--columns", "temperature,pressure,vibration", "--label-column", "anomaly",
        "--exclude-class", "1", "--model", "dense", "--latent", "16", "--epochs", "20", "--batch-size", "32", "--lr", "1e-2", "--out", Folder("sensors"));
    Run("evaluate", "--checkpoint", Folder("sensors"), "--anomaly-class", "1", "--out", Folder("sensors-evaluation"));
    PrintAnomaly("data/sensors.csv windows", "sensors", Metrics(Folder("sensors-evaluation")));
}

if (groups.Contains("benchmarks"))
{
    Benchmark("cardio", "--dataset", "data/odds/cardio.csv", "--label-column", "label", "--protocol", "random-splits", "--splits", "10", "--train-fraction", "0.6");
    Benchmark("thyroid", "--dataset", "data/odds/thyroid.csv", "--label-column", "label", "--splits", "10");
    Benchmark("one-class-digits", "--dataset", "digits", "--protocol", "one-class", "--seeds", "3", "--heatmap", "7");
    if (fashion)
    {
        Benchmark("one-class-fashion", "--dataset", "fashion-mnist", "--protocol", "one-class", "--seeds", "3");
    }
    else
    {
        Print("skipped: the one-class Fashion-MNIST benchmark (install dataset-fashion-mnist)");
    }
}

WriteResults();
return 0;

// Every metric of one evaluation, under PREFIX.: test.mse, pca.mse, knn.latent (in %), anomaly.auc, anomaly.f1.RULE, …
void RecordMetrics(string prefix, JsonElement m)
{
    foreach (var name in new[] { "mse", "mae", "bce", "psnr", "ssim" })
    {
        Record($"{prefix}.test.{name}", Get(m, "test", name));
    }

    Record($"{prefix}.pca.mse", Get(m, "pca", "mse"));
    Record($"{prefix}.pca.psnr", Get(m, "pca", "psnr"));
    Record($"{prefix}.pca.components", Get(m, "pca", "components"));
    if (m.TryGetProperty("knn", out var knn) && knn.ValueKind == JsonValueKind.Object)
    {
        foreach (var name in new[] { "latent", "pca", "raw" })
        {
            Record($"{prefix}.knn.{name}.percent", Get(knn, name) * 100);
        }
    }

    if (m.TryGetProperty("anomaly", out var anomaly) && anomaly.ValueKind == JsonValueKind.Object)
    {
        var report = anomaly.GetProperty("report");
        Record($"{prefix}.anomaly.auc", report.GetProperty("auc").GetDouble());
        foreach (var threshold in report.GetProperty("thresholds").EnumerateArray())
        {
            Record($"{prefix}.anomaly.f1.{RuleName(threshold)}", threshold.GetProperty("metrics").GetProperty("f1").GetDouble());
        }
    }

    cpu ??= m.TryGetProperty("environment", out var environment) && environment.TryGetProperty("cpu", out var model) ? model.GetString() : null;
}

void Benchmark(string name, params string[] options)
{
    var folder = Path.Combine(root, "out", name);
    Run(["anomaly-benchmark", .. options, "--out", folder]);
    using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "anomaly-benchmark.json")));
    cpu ??= document.RootElement.GetProperty("environment").GetProperty("cpu").GetString();
    foreach (var method in document.RootElement.GetProperty("methods").EnumerateArray())
    {
        foreach (var (property, key) in new[] { ("rocAuc", "auc"), ("averagePrecision", "ap") })
        {
            if (method.TryGetProperty(property, out var summary) && summary.ValueKind == JsonValueKind.Object)
            {
                Record($"benchmarks.{name}.{method.GetProperty("name").GetString()}.{key}.mean", summary.GetProperty("mean").GetDouble());
                Record($"benchmarks.{name}.{method.GetProperty("name").GetString()}.{key}.sd", summary.GetProperty("sd").GetDouble());
            }
        }
    }

    Print($"benchmark {name}: " + string.Join(", ", results.Where(pair => pair.Key.StartsWith($"benchmarks.{name}.", StringComparison.Ordinal) && pair.Key.EndsWith(".mean", StringComparison.Ordinal))
        .Select(pair => $"{pair.Key[($"benchmarks.{name}.".Length)..^".auc.mean".Length]} {pair.Value:F4}")));
}

void Record(string key, double value)
{
    if (double.IsFinite(value))
    {
        results[key] = value;
    }
}

// The rule's display name as a key: mean+3σ → mean+3sd, top10% → top10pct, p99, max.
string RuleName(JsonElement threshold) =>
    threshold.GetProperty("threshold").GetProperty("name").GetString()!.Replace("σ", "sd", StringComparison.Ordinal).Replace("%", "pct", StringComparison.Ordinal);

// Merges into docs/results/readme-numbers.json: the groups run now replace their keys, the others keep theirs.
void WriteResults()
{
    var path = Path.Combine(root, "docs", "results", "readme-numbers.json");
    var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
    var sources = new SortedDictionary<string, string>(StringComparer.Ordinal);
    if (File.Exists(path))
    {
        using var old = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var pair in old.RootElement.GetProperty("groups").EnumerateObject().Where(pair => !groups.Contains(pair.Name)))
        {
            sources[pair.Name] = pair.Value.GetString()!;
        }

        foreach (var pair in old.RootElement.GetProperty("values").EnumerateObject().Where(pair => !groups.Contains(pair.Name.Split('.')[0])))
        {
            values[pair.Name] = pair.Value.GetDouble();
        }
    }

    foreach (var (key, value) in results)
    {
        values[key] = value;
    }

    foreach (var group in groups)
    {
        sources[group] = $"{(collect ? "collected from out/ on" : "run on")} {DateTime.UtcNow:yyyy-MM-dd}, CPU {cpu ?? "unknown"}";
    }

    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    var temporary = path + ".tmp";
    using (var stream = File.Create(temporary))
    using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
    {
        json.WriteStartObject();
        json.WriteString("command", "dotnet run tools/readme-numbers.cs -- GROUPS (run, quality, anchors, anomaly, benchmarks)");
        json.WriteStartObject("groups");
        foreach (var (group, source) in sources)
        {
            json.WriteString(group, source);
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
    Print($"wrote {Path.GetRelativePath(root, path)} ({results.Count} values)");
}

void Quality(string dataset, string model, int epochs, bool evaluateTable = false)
{
    var name = $"{dataset}-{model}";
    Run("train", "--dataset", dataset, "--model", model, "--latent", "32", "--epochs", $"{epochs}", "--out", Folder(name));
    Run("evaluate", "--checkpoint", Folder(name), "--png", "--out", Folder(name + "-evaluation"));
    var m = Metrics(Folder(name + "-evaluation"));
    RecordMetrics($"quality.{name}", m);
    Print($"| {dataset} | {model} | {Get(m, "test", "mse"):F4} | {Get(m, "test", "bce"):F4} | {Get(m, "pca", "mse"):F4} |");
    if (evaluateTable)
    {
        Print($"evaluate table ({name}): MSE {Get(m, "test", "mse"):F5} vs PCA {Get(m, "pca", "mse"):F5}; PSNR {Get(m, "test", "psnr"):F1} vs {Get(m, "pca", "psnr"):F1} dB; " +
            $"SSIM {Get(m, "test", "ssim"):F3}; 5-NN codes {Get(m, "knn", "latent"):P1}, PCA {Get(m, "knn", "pca"):P1}, raw {Get(m, "knn", "raw"):P1}; figures in {Folder(name + "-evaluation")}");
    }
}

void Anchor(string name, params string[] options)
{
    Run(["train", .. options, "--out", Folder(name)]);
    Run("evaluate", "--checkpoint", Folder(name), "--out", Folder(name + "-evaluation"));
    var m = Metrics(Folder(name + "-evaluation"));
    RecordMetrics($"anchors.{name}", m);
    Print($"anchor {name}: test MSE {Get(m, "test", "mse"):F5} (PCA-{Get(m, "pca", "components"):F0}: {Get(m, "pca", "mse"):F5}), test BCE {Get(m, "test", "bce"):F4}");
}

void PrintAnomaly(string what, string name, JsonElement m)
{
    RecordMetrics($"anomaly.{name}", m);
    var report = m.GetProperty("anomaly").GetProperty("report");
    var f1 = report.GetProperty("thresholds").EnumerateArray().Select(t => t.GetProperty("metrics").GetProperty("f1").GetDouble().ToString("F3", invariant));
    Print($"| {what} | {report.GetProperty("auc").GetDouble():F3} | {string.Join(" | ", f1)} |");
}

string Folder(string name) => Path.Combine(output, name);

void Run(params string[] arguments)
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

JsonElement Metrics(string folder)
{
    using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "metrics.json")));
    return document.RootElement.Clone();
}

double Get(JsonElement element, params string[] path) =>
    path.Aggregate(element, (current, name) => current.GetProperty(name)) is { ValueKind: JsonValueKind.Number } number ? number.GetDouble() : double.NaN;

void Print(string line)
{
    Console.WriteLine(line);
    Console.Out.Flush();
}
