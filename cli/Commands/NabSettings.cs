using System.ComponentModel;
using Autoencoders.Evaluation.Nab;
using Autoencoders.Streaming;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>Options both nab verbs share.</summary>
internal class NabSettings : CommandSettings
{
    [CommandOption("--corpus <DIR>")]
    [Description("NAB's corpus folder: data/<category>/<name>.csv, labels/combined_windows.json, config/profiles.json, results/final_results.json (the scoreboard).")]
    [DefaultValue("data/nab-corpus")]
    public string Corpus { get; init; } = "data/nab-corpus";

    [CommandOption("--files <TEXT>")]
    [Description("Only the corpus files whose path (e.g. realKnownCause/nyc_taxi.csv) contains one of these comma-separated texts; default: all.")]
    public string? Files { get; init; }

    /// <summary>The --files filter, or null for every file.</summary>
    public Func<string, bool>? Include => Files is null
        ? null
        : path => Files.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(part => path.Contains(part, StringComparison.Ordinal));
}

/// <summary>Options of <c>nab run</c>.</summary>
internal sealed class NabRunSettings : NabSettings
{
    [CommandOption("--out <DIR>")]
    [Description("Folder for the results (<detector>/<category>/<detector>_<file>.csv), nab.json and nab.html.")]
    [DefaultValue("out/nab")]
    public string Out { get; init; } = "out/nab";

    [CommandOption("--window <N>")]
    [Description("Rows per window, a multiple of 4.")]
    [DefaultValue(64)]
    public int Window { get; init; } = new OnlineDetectorOptions().Window;

    [CommandOption("--epochs <N>")]
    [Description("Training passes over each file's probationary windows.")]
    [DefaultValue(40)]
    public int Epochs { get; init; } = new OnlineDetectorOptions().Epochs;

    [CommandOption("--tail <N>")]
    [Description("A window's error is measured on its last N rows (0: the whole window).")]
    [DefaultValue(1)]
    public int Tail { get; init; } = new OnlineDetectorOptions().TailSteps;

    [CommandOption("--short-term <N>")]
    [Description("Errors of the last N rows are averaged before they are compared with the file's history.")]
    [DefaultValue(1)]
    public int ShortTerm { get; init; } = new OnlineDetectorOptions().ShortTerm;

    [CommandOption("--suppress <N>")]
    [Description("For N rows after a peak, a row ranks high only when it tops the peak (0: off): NAB charges every false positive but counts one detection per window.")]
    [DefaultValue(100)]
    public int Suppress { get; init; } = new OnlineDetectorOptions().Suppress;

    [CommandOption("--hold-out <FRACTION>")]
    [Description("The latest share of the probationary windows kept out of training; their errors start the history (0: none).")]
    [DefaultValue(0.0)]
    public double HoldOut { get; init; } = new OnlineDetectorOptions().HoldOut;

    [CommandOption("--seed <N>")]
    [Description("Seeds every file's weights, shuffling and dropout.")]
    [DefaultValue(0L)]
    public long Seed { get; init; }

    [CommandOption("--detector <NAME>")]
    [Description("The name the results are written and listed under.")]
    [DefaultValue(NabRun.DefaultDetectorName)]
    public string Detector { get; init; } = NabRun.DefaultDetectorName;

    /// <summary>The detector's settings from the options.</summary>
    public OnlineDetectorOptions Options => new OnlineDetectorOptions() with { Window = Window, Epochs = Epochs, TailSteps = Tail, ShortTerm = ShortTerm, Suppress = Suppress, HoldOut = HoldOut, Seed = Seed };

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Detector) || Detector.IndexOfAny([.. Path.GetInvalidFileNameChars(), '_', ' ']) >= 0)
        {
            return ValidationResult.Error($"--detector '{Detector}' must be a plain name without '_', spaces or path characters (NAB splits file names at '_').");
        }

        try
        {
            Options.Validate();
        }
        catch (ArgumentException error)
        {
            return ValidationResult.Error($"{error.Message.Split(" (Parameter", StringSplitOptions.None)[0]}: check --window, --epochs, --tail and --short-term.");
        }

        return ValidationResult.Success();
    }
}

/// <summary>Options of <c>nab score</c>.</summary>
internal sealed class NabScoreSettings : NabSettings
{
    [CommandOption("--results <DIR>")]
    [Description("A detector's results folder in NAB's layout (<detector>/<category>/<detector>_<file>.csv with timestamp,value,anomaly_score), e.g. NAB's results/numenta.")]
    public string? Results { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Folder for nab.json and nab.html.")]
    [DefaultValue("out/nab-score")]
    public string Out { get; init; } = "out/nab-score";

    public override ValidationResult Validate() => string.IsNullOrWhiteSpace(Results)
        ? ValidationResult.Error("give --results DIR: a detector's results folder in NAB's layout.")
        : ValidationResult.Success();
}
