using System.ComponentModel;
using Autoencoders.Pipeline.Verbs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>Options of the verbs that apply a saved model to new data: encode, reconstruct and score.</summary>
internal class ApplySettings : ThreadSettings
{
    [CommandOption("--checkpoint <DIR>")]
    [Description("The folder a 'train' run saved its checkpoint in.")]
    [DefaultValue("out/train")]
    public string Checkpoint { get; init; } = "out/train";

    [CommandOption("--input <PATH>")]
    [Description("New data: a .csv file with the training columns (any order), a folder of IDX files, a folder of images or one image file (PNG, JPEG, BMP).")]
    public string? Input { get; init; }

    [CommandOption("--out <PATH>")]
    [Description("Where the results go.")]
    public string? Out { get; init; }

    public override ValidationResult Validate() =>
        base.Validate() is { Successful: false } problem ? problem
        : string.IsNullOrWhiteSpace(Input) ? ValidationResult.Error("--input is required: the data to apply the model to (a .csv file, a folder of IDX files or images, or an image file).")
        : string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out is required: where to write the results.")
        : ValidationResult.Success();

    /// <summary>The request for <see cref="ModelApplication"/>.</summary>
    public virtual ApplyRequest Request => new(Checkpoint, Input!, Out!);
}

/// <summary>Options of the score verb.</summary>
internal sealed class ScoreSettings : ApplySettings
{
    [CommandOption("--threshold <RULE|VALUE>")]
    [Description("Flag scores above this: a saved rule (mean+3sd, p99, max, top10%) or a number topN% for any N in (0, 50]], or a number (default: the checkpoint's default rule).")]
    public string? Threshold { get; init; }

    [CommandOption("--anomaly-range <FIRST..LAST>")]
    [Description("Labelled anomalies to measure the flags against: 0-based rows (2787..3189) or date-times of a timestamp column, several separated by commas; prints point-level precision, recall, F1, the delay and the flags outside.")]
    public string? AnomalyRange { get; init; }

    [CommandOption("--chart <FILE>")]
    [Description("Time series: also draw the signal with the flagged steps (and the --anomaly-range shaded) into FILE, .html (offline) or .png (needs Chromium).")]
    public string? Chart { get; init; }

    [CommandOption("--explain <K>")]
    [Description("Say why rows score high, in an explanation column: tables, the K columns that contribute most to each row's score (value → reconstruction); images, a PNG per flagged image (original, reconstruction, per-pixel error) in OUT-explain/; time series, the worst window of each flagged step.")]
    public int? Explain { get; init; }

    [CommandOption("--engine <ENGINE>")]
    [Description("torch (the checkpoint on TorchSharp) or onnx (an exported detector on ONNX Runtime, named by --model; CSV input only; docs/onnx.md).")]
    [DefaultValue("torch")]
    public string Engine { get; init; } = "torch";

    [CommandOption("--model <FILE>")]
    [Description("With --engine onnx: the .onnx file 'export --format onnx' wrote (instead of --checkpoint).")]
    public string? Model { get; init; }

    /// <summary>Whether an exported ONNX detector scores, on ONNX Runtime.</summary>
    public bool IsOnnx => Engine.Equals("onnx", StringComparison.OrdinalIgnoreCase);

    public override ApplyRequest Request => base.Request with { Threshold = Threshold, AnomalyRanges = AnomalyRange, Chart = Chart, Explain = Explain ?? 0 };

    public override ValidationResult Validate() =>
        base.Validate() is { Successful: false } problem ? problem
        : Explain is < 1 ? ValidationResult.Error($"--explain takes a number of columns of at least 1 (got {Explain}).")
        : !IsOnnx && !Engine.Equals("torch", StringComparison.OrdinalIgnoreCase) ? ValidationResult.Error($"--engine '{Engine}' is not an engine; use torch or onnx.")
        : IsOnnx && string.IsNullOrWhiteSpace(Model) ? ValidationResult.Error("--engine onnx needs --model FILE.onnx, the file 'export --format onnx' wrote.")
        : !IsOnnx && Model is not null ? ValidationResult.Error("--model names an ONNX file: add --engine onnx, or give the checkpoint folder with --checkpoint.")
        : IsOnnx && (AnomalyRange is not null || Chart is not null || Explain is not null) ? ValidationResult.Error("--anomaly-range, --chart and --explain work with --engine torch only; leave them out with --engine onnx.")
        : ValidationResult.Success();
}
