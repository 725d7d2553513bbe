#!/usr/bin/env dotnet
// The one-class benchmark on images (issue 13) for choosing settings: the CLI's `anomaly-benchmark --protocol
// one-class` runs the same library call on the test split; this tool also runs it on a validation split of the
// training data (--validation: how the model, score and epochs were chosen, docs/one-class.md) and with any model.
// It prints the per-class ROC AUC table as Markdown and writes the result as JSON. From the repository root:
//   dotnet run tools/one-class.cs -- --dataset digits --validation --seeds 1    # the chosen setting, on validation data
//   dotnet run tools/one-class.cs -- --dataset digits --validation --seeds 1 --score ssim --epochs 25
//   dotnet run tools/one-class.cs -- --dataset fashion-mnist --validation --seeds 1 --epochs 7
// Options: --model conv|dense|deep|…, --latent N, --channels 32-16, --hidden 256-128, --epochs N, --batch-size N,
// --lr X, --score ssim+latent|ssim|blurred-mse|mse, --also-score ssim,mse (the default), --classes 0,1,7, --first-seed N, --pca N,
// --knn K, --threads N (default 1), --out FILE (default out/one-class/<dataset>.json),
// --heatmap CLASS (also writes out/one-class/<dataset>-heatmap-CLASS.html, and .png where Chromium is installed: the
// flagged test images of one more model of that class, first seed).
#:project ../lib/Autoencoders.csproj
// Reflection-based JSON needs the JIT: file-based apps default to native AOT, which this tool does not use.
#:property PublishAot=false

using System.Globalization;
using Autoencoders.Data;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Models;
using Autoencoders.Native;
using Autoencoders.Pipeline;
using Autoencoders.Plots;
using Autoencoders.Training;
using static TorchSharp.torch;

var invariant = CultureInfo.InvariantCulture;
var options = new Dictionary<string, string>(StringComparer.Ordinal);
var flags = new HashSet<string>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal))
    {
        return Fail($"unexpected argument '{args[i]}'");
    }

    if (args[i] == "--validation")
    {
        flags.Add(args[i]);
    }
    else if (i + 1 < args.Length)
    {
        options[args[i]] = args[++i];
    }
    else
    {
        return Fail($"{args[i]} needs a value");
    }
}

string? Get(string name) => options.GetValueOrDefault(name);
IReadOnlyList<int>? Sizes(string name) => Get(name) is { } text ? [.. text.Split('-').Select(part => int.Parse(part, invariant))] : null;

TorchRuntime.EnsureLoaded(int.Parse(Get("--threads") ?? "1", invariant));
var datasetName = Get("--dataset") ?? Datasets.Digits;
var defaults = new OneClassOptions();
var model = defaults.EffectiveModel with
{
    Kind = Get("--model") is { } kind ? Enum.Parse<ModelKind>(kind, ignoreCase: true) : defaults.EffectiveModel.Kind,
    LatentSize = Get("--latent") is { } latent ? int.Parse(latent, invariant) : defaults.EffectiveModel.LatentSize,
    Channels = Sizes("--channels") ?? defaults.EffectiveModel.Channels,
    HiddenSizes = Sizes("--hidden") ?? defaults.EffectiveModel.HiddenSizes,
};
// Without --epochs, --batch-size or --lr the library's default: as many epochs as give each model 650 optimiser steps.
var training = Get("--epochs") is null && Get("--batch-size") is null && Get("--lr") is null ? null : OneClassOptions.DefaultTraining with
{
    Epochs = Get("--epochs") is { } epochs ? int.Parse(epochs, invariant) : OneClassOptions.DefaultTraining.Epochs,
    BatchSize = Get("--batch-size") is { } batch ? int.Parse(batch, invariant) : OneClassOptions.DefaultTraining.BatchSize,
    LearningRate = Get("--lr") is { } lr ? double.Parse(lr, invariant) : OneClassOptions.DefaultTraining.LearningRate,
};
ImageAnomalyScore Score(string name) => ImageAnomalyScores.Parse(name) ?? throw new DataInputException($"unknown score '{name}': use ssim+latent, ssim, blurred-mse or mse");
var run = defaults with
{
    Model = model,
    Training = training,
    Score = Get("--score") is { } score ? Score(score) : defaults.Score,
    AlsoScore = [.. (Get("--also-score") ?? "ssim,mse").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Score)],
    Seeds = int.Parse(Get("--seeds") ?? "3", invariant),
    FirstSeed = long.Parse(Get("--first-seed") ?? "1", invariant),
    Classes = Get("--classes") is { } classes ? [.. classes.Split(',').Select(label => long.Parse(label, invariant))] : null,
    PcaComponents = int.Parse(Get("--pca") ?? $"{defaults.PcaComponents}", invariant),
    Neighbor = int.Parse(Get("--knn") ?? $"{defaults.Neighbor}", invariant),
};

try
{
    using var loaded = Datasets.Load(datasetName);
    using var data = flags.Contains("--validation") ? OneClassBenchmark.ValidationSet(loaded) : null;
    var measured = data ?? loaded;
    Console.WriteLine($"{measured.Name}: {measured.TrainFeatures.shape[0]:N0} training and {measured.TestFeatures.shape[0]:N0} test samples; " +
        $"{TorchRuntime.Threads.Count} thread(s); seeds {string.Join(", ", run.SeedList)}");
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var result = OneClassBenchmark.Run(measured, run, new Progress());
    Console.WriteLine();
    Print(result);
    Console.WriteLine($"({clock.Elapsed.TotalMinutes:F1} minutes)");
    var path = Get("--out") ?? Path.Combine("out", "one-class", $"{measured.Name.Replace(" (validation)", "-validation", StringComparison.Ordinal)}.json");
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    result.Save(path);
    Console.WriteLine($"wrote {path}");
    if (Get("--heatmap") is { } heatmapClass)
    {
        Heatmap(measured, run, long.Parse(heatmapClass, invariant));
    }

    return 0;
}
catch (DataInputException error)
{
    return Fail(error.Message);
}

static int Fail(string message)
{
    Console.Error.WriteLine($"error: {message}");
    return 2;
}

// The per-class table, the autoencoder (its chosen score) first, then any further scores, PCA and kNN.
void Print(OneClassResult result)
{
    var names = result.Methods.Select(m => m.Name).ToArray();
    Console.WriteLine($"One-class ROC AUC on {result.Dataset}, mean ± sd over {result.Seeds.Count} seed(s):");
    foreach (var method in result.Methods)
    {
        Console.WriteLine($"  {method.Name}: {method.Detail}");
    }

    Console.WriteLine();
    Console.WriteLine($"| class | {string.Join(" | ", names)} |");
    Console.WriteLine($"| --- |{string.Concat(names.Select(_ => " ---: |"))}");
    foreach (var perClass in result.PerClass)
    {
        Console.WriteLine($"| {perClass.Name} | {string.Join(" | ", perClass.Methods.Select(m => Format(m.RocAuc)))} |");
    }

    Console.WriteLine($"| **mean** | {string.Join(" | ", result.Methods.Select(m => $"**{Format(m.RocAuc)}**"))} |");
}

string Format(OneClassAuc auc) => auc.PerSeed.Count > 1 && auc.Sd > 0
    ? string.Create(invariant, $"{auc.Mean:F4} ± {auc.Sd:F4}")
    : string.Create(invariant, $"{auc.Mean:F4}");

// One model of one class (the first seed): its flagged test images, as original, reconstruction and per-pixel error.
void Heatmap(Dataset data, OneClassOptions settings, long label)
{
    var flagged = OneClassBenchmark.Flagged(data, label, settings);
    Console.WriteLine($"the model of class {flagged.Name} flags {flagged.Flagged:N0} of {flagged.TestSamples:N0} test images ({flagged.FlaggedNormal:N0} of its own class)");
    if (flagged.Chart is null)
    {
        return;
    }

    var path = Path.Combine("out", "one-class", $"{data.Name.Replace(" (validation)", "-validation", StringComparison.Ordinal)}-heatmap-{label}.html");
    ChartHtml.Save(flagged.Chart, path);
    Console.WriteLine($"wrote {path}");
    if (ChartPng.IsAvailable)
    {
        ChartPng.Save(flagged.Chart, Path.ChangeExtension(path, ".png"));
        Console.WriteLine($"wrote {Path.ChangeExtension(path, ".png")}");
    }
}

// One line per class and seed, and a dot per finished epoch.
sealed class Progress : PipelineObserver
{
    public override void StepStarted(int number, int total, string title) => Console.Write($"[{number}/{total}] {title} ");

    public override void Message(string line)
    {
        if (line.StartsWith("class ", StringComparison.Ordinal) && line.Contains("ROC AUC", StringComparison.Ordinal))
        {
            Console.WriteLine();
            Console.WriteLine($"    {line}");
        }
    }

    public override T Training<T>(Func<IProgress<TrainingProgress>?, T> train)
    {
        ArgumentNullException.ThrowIfNull(train);
        return train(new Dots());
    }

    private sealed class Dots : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Completed is not null)
            {
                Console.Write('.');
            }
        }
    }
}
