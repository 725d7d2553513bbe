using System.ComponentModel;
using Autoencoders.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>Options of the evaluate verb.</summary>
internal sealed partial class EvaluateSettings : ThreadSettings
{
    [CommandOption("--checkpoint <DIR>")]
    [Description("The folder a 'train' run saved its checkpoint in.")]
    [DefaultValue("out/train")]
    public string Checkpoint { get; init; } = "out/train";

    [CommandOption("--dataset <NAME>")]
    [Description("Other data of the same layout to evaluate on (default: the data the checkpoint was trained on); read with the checkpoint's recipe and scaler.")]
    public string? Dataset { get; init; }

    [CommandOption("--anomaly-class <LABEL>")]
    [Description("Score anomaly detection: test samples of this class are the anomalies (train with --exclude-class LABEL).")]
    public long? AnomalyClass { get; init; }

    [CommandOption("--tsne")]
    [Description("Draw the latent scatter with t-SNE (seeded, up to --tsne-samples test samples) instead of PCA.")]
    public bool Tsne { get; init; }

    [CommandOption("--tsne-samples <N>")]
    [Description("How many test samples t-SNE embeds (exact t-SNE: about 10 s for 1,000 on 2 cores, a minute for 2,000).")]
    [DefaultValue(1000)]
    public int TsneSamples { get; init; } = 1000;

    [CommandOption("--png")]
    [Description("Also export every figure as PNG through a local Chromium (a warning names the package when none is installed).")]
    public bool Png { get; init; }

    [CommandOption("--allow-changed-data")]
    [Description("Evaluate on the checkpoint's data file even if it changed since training (its SHA-256 differs from the one recorded); without it such a file is refused.")]
    public bool AllowChangedData { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Where metrics.json and the figures go.")]
    [DefaultValue("out/evaluate")]
    public string Out { get; init; } = "out/evaluate";

    /// <summary>What to measure.</summary>
    public EvaluationOptions Options => new(AnomalyClass, Tsne, TsneSamples, Checkpoint: Checkpoint) { Denoising = Denoising };

    public override ValidationResult Validate() =>
        base.Validate() is { Successful: false } problem ? problem
        : TsneSamples < 10 ? ValidationResult.Error($"--tsne-samples must be at least 10 (got {TsneSamples}).")
        : DenoisingProblem() is { } denoising ? ValidationResult.Error(denoising)
        : ValidationResult.Success();
}
