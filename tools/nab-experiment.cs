// keras-io's "Timeseries anomaly detection using an Autoencoder" on NAB, reproduced and measured further: for each seed,
// trains keras-io's model on data/nab/art_daily_small_noise.csv with keras-io's settings (the 'train' command below),
// scores data/nab/art_daily_jumpsup.csv (ModelApplication.Score: the 'score' verb as a call) at the training maximum
// (keras-io's threshold) and at mean + 3σ, and prints a Markdown table: windows flagged (keras-io's figure), and what
// keras-io does not report: point-level precision, recall and F1 against NAB's labelled window (rows 2787-3189), the
// delay to the first flagged step, and the flagged steps outside the window. keras-io's own run is the first row,
// derived from the anomalous windows its stored output lists (1654 and 2702-3094).
// Usage, from the repository root, after 'dotnet build cli -c Release':
//   dotnet run tools/nab-experiment.cs                       # seeds 1 to 5
//   dotnet run tools/nab-experiment.cs -- --seeds 1-10 --threads 1
// About 75 s per seed on one thread of a 2-core machine; writes under out/nab/.
#:project ../lib/Autoencoders.csproj
// Checkpoints are read with reflection-based JSON, which file-based apps turn off by default (they default to native AOT).
#:property PublishAot=false
using System.Diagnostics;
using System.Globalization;
using Autoencoders.Checkpoints;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Pipeline;
using Autoencoders.Pipeline.Verbs;

const string Training = "data/nab/art_daily_small_noise.csv";
const string Scored = "data/nab/art_daily_jumpsup.csv";
const string LabelledWindow = "2787..3189";
const int AnomalyPoint = 2988;   // NAB's labels/combined_labels.json: 2014-04-11 09:00:00
const int Window = 288;

var root = Directory.GetCurrentDirectory();
var cli = Path.Combine(root, "cli", "bin", "Release", "net10.0", "autoencoders-cli.dll");
if (!File.Exists(cli) || !File.Exists(Training))
{
    Console.Error.WriteLine($"error: run from the repository root after 'dotnet build cli -c Release' ({cli} is missing).");
    return 2;
}

var seeds = Enumerable.Range(1, 5).ToList();
string? threads = null;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--seeds":
            var ends = args[i + 1].Split('-');
            seeds = Enumerable.Range(int.Parse(ends[0], CultureInfo.InvariantCulture), int.Parse(ends[^1], CultureInfo.InvariantCulture) - int.Parse(ends[0], CultureInfo.InvariantCulture) + 1).ToList();
            break;
        case "--threads":
            threads = args[i + 1];
            break;
    }
}

Autoencoders.Native.TorchRuntime.EnsureLoaded();
if (threads is not null)
{
    TorchSharp.torch.set_num_threads(int.Parse(threads, CultureInfo.InvariantCulture));
}

var invariant = CultureInfo.InvariantCulture;
var rows = new List<Row>();
Print("| run | threshold | epochs | windows flagged (of 3,745) | steps flagged | first flagged | delay from the window's start | precision | recall | F1 | flagged outside |");
Print("| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |");

// keras-io's stored run: windows 1654 and 2702-3094 above its threshold; a step is anomalous when every window holding it is.
var kerasWindows = Enumerable.Range(0, 3745).Select(w => w == 1654 || (w >= 2702 && w <= 3094)).ToArray();
var kerasSteps = RangeDetection.StepsOfWindows(kerasWindows, Window);
Report("keras-io (its stored output)", "max MAE = 0.1233", "19", kerasWindows.Count(flag => flag), RangeDetection.Evaluate(kerasSteps, StepRange.Parse(LabelledWindow, kerasSteps.Length)), null);

foreach (var seed in seeds)
{
    var folder = Path.Combine(root, "out", "nab", $"seed-{seed}");
    string[] train = ["train", "--dataset", Training, "--window", $"{Window}", "--model", "sequence", "--kernel-size", "7", "--dropout", "0.2", "--conv-code",
        "--epochs", "50", "--batch-size", "128", "--lr", "1e-3", "--patience", "5", "--validation", "0.1", "--seed", $"{seed}", "--out", folder];
    Run(threads is null ? train : [.. train, "--threads", threads]);
    var epochs = Checkpoint.ReadMetadata(folder).History.Epochs.Count;
    foreach (var rule in new[] { "max", "mean+3sd" })
    {
        var outcome = ModelApplication.Score(new ApplyRequest(folder, Scored, Path.Combine(root, "out", "nab", $"seed-{seed}-{rule}.csv"), rule, LabelledWindow));
        var scored = outcome.Scores!;
        var row = Report($"seed {seed}", string.Create(invariant, $"{scored.Threshold.Name} = {scored.Threshold.Value:G4}"), $"{epochs}",
            scored.FlaggedWindowCount!.Value, outcome.Detection!, scored.Timestamps);
        rows.Add(row with { Rule = rule });
    }
}

foreach (var group in rows.GroupBy(row => row.Rule))
{
    var list = group.ToList();
    Print(string.Create(invariant,
        $"| {list.Count} seeds, mean ± sd | {group.Key} | {Summary(list.Select(r => (double)r.Epochs))} | {Summary(list.Select(r => (double)r.Windows))} | {Summary(list.Select(r => (double)r.Steps))} | " +
        $"detected in {list.Count(r => r.Delay is not null)} of {list.Count} | {Summary(list.Where(r => r.Delay is not null).Select(r => (double)r.Delay!.Value))} | " +
        $"{Summary(list.Select(r => r.Precision), "F3")} | {Summary(list.Select(r => r.Recall), "F3")} | {Summary(list.Select(r => r.F1), "F3")} | {Summary(list.Select(r => (double)r.Outside))} |"));
}

DrawCharts(Path.Combine(root, "out", "nab", $"seed-{seeds[0]}"), Path.Combine(root, "out", "nab", "charts"));
Print($"Anomaly point (NAB's label): step {AnomalyPoint}; labelled window {LabelledWindow}. Scores and checkpoints are in out/nab/, seed {seeds[0]}'s charts in out/nab/charts/.");
return 0;

// The first seed's charts at keras-io's threshold: the flagged steps over the labelled window, the step scores, and the
// reconstruction of the window the model reconstructs worst (PNG too when Chromium is installed).
void DrawCharts(string checkpoint, string folder)
{
    using var trained = TrainedModel.Load(checkpoint);
    using var input = InputReader.Read(Scored, trained.Recipe!);
    var scored = trained.Score(input, trained.Threshold("max"));
    var labelled = StepRange.Parse(LabelledWindow, input.Ids.Count);
    var charts = new Dictionary<string, Plotly.NET.GenericChart>
    {
        ["nab-anomalies"] = TimeSeriesFigures.Anomalies(input, scored, labelled),
        ["nab-scores"] = Autoencoders.Plots.TimeSeriesCharts.Scores(scored.Scores, scored.Threshold.Value, scored.Threshold.Name, labelled, input.Timestamps),
        ["nab-reconstruction"] = TimeSeriesFigures.WindowReconstruction(trained, input, TimeSeriesFigures.WorstWindow(scored), scored),
    };
    Directory.CreateDirectory(folder);
    foreach (var (name, chart) in charts)
    {
        Autoencoders.Plots.ChartHtml.Save(chart, Path.Combine(folder, name + ".html"));
        if (Autoencoders.Plots.ChartPng.IsAvailable)
        {
            Autoencoders.Plots.ChartPng.Save(chart, Path.Combine(folder, name + ".png"));
        }
    }
}

Row Report(string run, string threshold, string epochs, int windows, RangeDetection detection, IReadOnlyList<string>? timestamps)
{
    var hit = detection.Ranges[0];
    var first = hit.FirstFlagged is { } step
        ? (timestamps is null ? $"step {step}" : $"step {step} ({timestamps[step]})") + (step == AnomalyPoint ? ", the anomaly point" : string.Create(invariant, $", {step - AnomalyPoint:+0;-0} from the anomaly point"))
        : "none";
    Print(string.Create(invariant,
        $"| {run} | {threshold} | {epochs} | {windows} | {hit.FlaggedSteps + detection.FalsePositives} | {first} | {(hit.Delay is { } delay ? $"{delay} steps ({delay * 5 / 60.0:0.##} h)" : "-")} | " +
        $"{detection.Metrics.Precision:F3} | {detection.Metrics.Recall:F3} | {detection.Metrics.F1:F3} | {detection.FalsePositives} |"));
    return new Row("", int.TryParse(epochs, out var count) ? count : 0, windows, hit.FlaggedSteps + detection.FalsePositives, hit.Delay,
        detection.Metrics.Precision, detection.Metrics.Recall, detection.Metrics.F1, detection.FalsePositives);
}

string Summary(IEnumerable<double> values, string format = "0.#")
{
    var list = values.ToList();
    if (list.Count == 0)
    {
        return "-";
    }

    var mean = list.Average();
    var sd = list.Count > 1 ? Math.Sqrt(list.Sum(value => (value - mean) * (value - mean)) / (list.Count - 1)) : 0;
    return $"{mean.ToString(format, invariant)} ± {sd.ToString(format, invariant)}";
}

void Run(params string[] arguments)
{
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
    foreach (var argument in new[] { cli }.Concat(arguments))
    {
        start.ArgumentList.Add(argument);
    }

    Console.Error.WriteLine($"$ autoencoders {string.Join(' ', arguments.Select(a => a.Contains(' ') ? $"\"{a}\"" : a))}");
    using var process = Process.Start(start)!;
    _ = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"'{string.Join(' ', arguments)}' exited with {process.ExitCode}");
    }
}

void Print(string line)
{
    Console.WriteLine(line);
    Console.Out.Flush();
}

sealed record Row(string Rule, int Epochs, int Windows, int Steps, int? Delay, double Precision, double Recall, double F1, int Outside);
