// Reruns the commands whose results the README quotes and prints each result, so a changed number cannot hide.
// Usage, from the repository root, after 'dotnet build cli -c Release':
//   dotnet run tools/readme-numbers.cs                 # everything (about 25 minutes on a 2-core machine)
//   dotnet run tools/readme-numbers.cs -- run anomaly  # only the named groups: run, quality, anchors, anomaly
// Fashion-MNIST rows need Debian's dataset-fashion-mnist (or a download); they are skipped, by name, without it.
// Everything is written under out/readme/.
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

var groups = args.Length > 0 ? args.ToHashSet(StringComparer.Ordinal) : ["run", "quality", "anchors", "anomaly"];
var fashion = File.Exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");
var output = Path.Combine(root, "out", "readme");
var invariant = CultureInfo.InvariantCulture;

if (groups.Contains("run"))
{
    var clock = Stopwatch.StartNew();
    Run("run", "--out", Folder("run"));
    var m = Metrics(Folder("run"));
    Print($"command 1 ({clock.Elapsed.TotalSeconds:F0} s): test MSE {Get(m, "test", "mse"):F5} (PCA {Get(m, "pca", "mse"):F5}), SSIM {Get(m, "test", "ssim"):F3}, " +
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
        PrintAnomaly($"digits, {digit} held out", Metrics(Folder(name + "-evaluation")));
    }

    Run("train", "--dataset", "data/sensors.csv", "--window", "32", "--stride", "4", "--columns", "temperature,pressure,vibration", "--label-column", "anomaly",
        "--exclude-class", "1", "--model", "dense", "--latent", "16", "--epochs", "20", "--batch-size", "32", "--lr", "1e-2", "--out", Folder("sensors"));
    Run("evaluate", "--checkpoint", Folder("sensors"), "--anomaly-class", "1", "--out", Folder("sensors-evaluation"));
    PrintAnomaly("data/sensors.csv windows", Metrics(Folder("sensors-evaluation")));
}

return 0;

void Quality(string dataset, string model, int epochs, bool evaluateTable = false)
{
    var name = $"{dataset}-{model}";
    Run("train", "--dataset", dataset, "--model", model, "--latent", "32", "--epochs", $"{epochs}", "--out", Folder(name));
    Run("evaluate", "--checkpoint", Folder(name), "--png", "--out", Folder(name + "-evaluation"));
    var m = Metrics(Folder(name + "-evaluation"));
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
    Print($"anchor {name}: test MSE {Get(m, "test", "mse"):F5} (PCA-{Get(m, "pca", "components"):F0}: {Get(m, "pca", "mse"):F5}), test BCE {Get(m, "test", "bce"):F4}");
}

void PrintAnomaly(string what, JsonElement m)
{
    var report = m.GetProperty("anomaly").GetProperty("report");
    var f1 = report.GetProperty("thresholds").EnumerateArray().Select(t => t.GetProperty("metrics").GetProperty("f1").GetDouble().ToString("F3", invariant));
    Print($"| {what} | {report.GetProperty("auc").GetDouble():F3} | {string.Join(" | ", f1)} |");
}

string Folder(string name) => Path.Combine(output, name);

void Run(params string[] arguments)
{
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
