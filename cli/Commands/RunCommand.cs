using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Autoencoders.Checkpoints;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Plots;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// The main job (README command 1): preprocess → train → evaluate → visualize, plus a short anomaly-detection run,
/// ending in one offline report page.
/// </summary>
internal sealed class RunCommand(IAnsiConsole console) : Command<RunCommand.Settings>
{
    /// <summary>File name of the report page.</summary>
    public const string ReportFileName = "report.html";

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

        public override ValidationResult Validate() => Train(this, "out", Model, null).Validate();

        internal static TrainSettings Train(Settings settings, string folder, string model, long? exclude) => new()
        {
            Dataset = settings.Dataset,
            Model = model,
            Latent = settings.Latent,
            Epochs = settings.Epochs,
            Seed = settings.Seed,
            ExcludeClass = exclude,
            Threads = settings.Threads,
            Out = folder,
        };
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var checkpoint = Path.Combine(settings.Out, "checkpoint");
        Step(1, $"train a {settings.Model} autoencoder on {settings.Dataset}");
        var trained = new TrainCommand(console).Execute(context, Settings.Train(settings, checkpoint, settings.Model, null), cancellationToken);
        if (trained != CliApp.Success)
        {
            return trained;
        }

        Step(2, "evaluate it against PCA and draw the figures");
        var evaluate = new EvaluateCommand(console);
        var (document, charts) = evaluate.Evaluate(new EvaluateSettings { Checkpoint = checkpoint, Threads = settings.Threads, Out = Path.Combine(settings.Out, "figures") });

        EvaluationDocument? anomaly = null;
        IReadOnlyList<(string Name, Plotly.NET.GenericChart Chart)> anomalyCharts = [];
        if (document.PerClass.Count > 1)
        {
            Step(3, $"anomaly detection: train a dense autoencoder without class '{settings.AnomalyClass}', then detect it");
            var detector = Path.Combine(settings.Out, "anomaly", "checkpoint");
            var code = new TrainCommand(console).Execute(context, Settings.Train(settings, detector, "dense", settings.AnomalyClass), cancellationToken);
            if (code != CliApp.Success)
            {
                return code;
            }

            (anomaly, anomalyCharts) = evaluate.Evaluate(new EvaluateSettings
            {
                Checkpoint = detector,
                AnomalyClass = settings.AnomalyClass,
                Threads = settings.Threads,
                Out = Path.Combine(settings.Out, "anomaly", "figures"),
            });
        }

        Step(4, "write the report");
        var combined = document with { Anomaly = anomaly?.Anomaly };
        AtomicFile.WriteAllText(Path.Combine(settings.Out, EvaluateCommand.MetricsFileName), JsonSerializer.Serialize(combined, Checkpoint.JsonOptions));
        var report = Path.Combine(settings.Out, ReportFileName);
        ChartHtml.SaveReport(report, $"Autoencoder report: {document.Model} on {document.Dataset}", RunReport.Sections(settings, combined, charts, anomalyCharts));
        evaluate.PrintSummary(combined, settings.Out);
        console.WriteLine($"Report: {Path.GetFullPath(report)}");
        return CliApp.Success;
    }

    private void Step(int number, string what) =>
        console.Write(new Rule(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"Step {number}/4: {what}"))).LeftJustified());
}
