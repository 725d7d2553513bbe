using System.ComponentModel;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Models;
using Autoencoders.Pipeline.Verbs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// The main job (README command 1): preprocess → train → evaluate → visualize, plus a short anomaly-detection run,
/// ending in one offline report page.
/// </summary>
internal sealed class RunCommand(IAnsiConsole console) : Command<RunCommand.Settings>
{
    /// <summary>Options of the run verb.</summary>
    public sealed class Settings : ThreadSettings
    {
        [CommandOption("--dataset <NAME>")]
        [Description("digits (embedded), fashion-mnist, mnist, or a folder of IDX files.")]
        [DefaultValue(Datasets.Digits)]
        public string Dataset { get; init; } = Datasets.Digits;

        [CommandOption("--model <KIND>")]
        [Description("dense, deep, conv, linear, sparse, denoising or vae.")]
        [DefaultValue("conv")]
        public string Model { get; init; } = "conv";

        [CommandOption("--latent <N>")]
        [Description("Size of the code (latent space).")]
        [DefaultValue(32)]
        public int Latent { get; init; } = 32;

        [CommandOption("--epochs <N>")]
        [Description("Training epochs of the main model (and of the anomaly detector).")]
        [DefaultValue(15)]
        public int Epochs { get; init; } = 15;

        [CommandOption("--anomaly-class <LABEL>")]
        [Description("The class held out to be detected as the anomaly.")]
        [DefaultValue(0L)]
        public long AnomalyClass { get; init; }

        [CommandOption("--seed <N>")]
        [Description("Seeds everything: the same seed gives the same report.")]
        [DefaultValue(42L)]
        public long Seed { get; init; } = 42;

        [CommandOption("--out <DIR>")]
        [Description("Where report.html, metrics.json, the checkpoint and the figures go.")]
        [DefaultValue("out")]
        public string Out { get; init; } = "out";

        public override ValidationResult Validate()
        {
            if (base.Validate() is { Successful: false } problem)
            {
                return problem;
            }

            var model = Model;
            return new TrainSettings { Dataset = Dataset, Model = model, Latent = Latent, Epochs = Epochs, Seed = Seed }.Validate();
        }

        /// <summary>The main job these options describe; <see cref="Model"/> must have passed <see cref="Validate"/>.</summary>
        public MainJobRequest Request => new(Dataset, Enum.Parse<ModelKind>(Model, ignoreCase: true), Latent, Epochs, AnomalyClass, Seed, Out);
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        settings.LoadTorch(console);
        var outcome = MainJob.Run(settings.Request, new ConsoleObserver(console), cancellationToken);
        if (outcome is null)
        {
            return CliApp.Interrupted;
        }

        EvaluateCommand.PrintSummary(console, outcome.Metrics, outcome.MetricsPath);
        console.WriteLine($"Report: {outcome.ReportPath}");
        return CliApp.Success;
    }
}
