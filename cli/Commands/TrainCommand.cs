using System.Globalization;
using Autoencoders.Cli.Output;
using Autoencoders.Pipeline;
using Autoencoders.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>Trains a model on a data set and saves the checkpoint and the history (the notebooks' step 3).</summary>
internal sealed class TrainCommand(IAnsiConsole console) : Command<TrainSettings>
{
    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        settings.LoadTorch(console);
        var observer = new ConsoleObserver(console);
        using var outcome = settings.Resume is { } resume
            ? Workflows.Resume(new ResumeRequest(resume, settings.Epochs, settings.Dataset, settings.Out), observer, cancellationToken)
            : Workflows.Train(settings.Request, observer, cancellationToken);
        Print(outcome);
        return outcome.Summary.StopReason == StopReason.Cancelled ? CliApp.Interrupted : CliApp.Success;
    }

    private void Print(TrainOutcome outcome)
    {
        var invariant = CultureInfo.InvariantCulture;
        var summary = outcome.Summary;
        var table = new Table().AddColumns("what", "value");
        table.AddRow("stopped", Markup.Escape(summary.StopReason switch
        {
            StopReason.EarlyStopped => $"early, after epoch {summary.Epochs}",
            StopReason.Cancelled => $"interrupted, after epoch {summary.Epochs}",
            _ => $"after all {summary.Epochs} epochs",
        }));
        if (summary.Best is { } best)
        {
            table.AddRow("best epoch (kept)", Markup.Escape(TrainingDisplay.Describe(best, outcome.Model.Training.Epochs)));
            table.AddRow("test MSE", summary.TestMse!.Value.ToString("F5", invariant));
            if (summary.TestBce is { } bce)
            {
                table.AddRow("test BCE", bce.ToString("F5", invariant));
            }

            if (summary.PcaTestMse is { } pca)
            {
                table.AddRow($"test MSE of PCA, {summary.PcaComponents} components", pca.ToString("F5", invariant));
            }

            foreach (var omitted in summary.Omitted)
            {
                table.AddRow(Markup.Escape($"({omitted.Metric}: not measured)"), Markup.Escape(omitted.Reason));
            }
        }

        if (outcome.Model.Thresholds is { } thresholds)
        {
            table.AddRow("anomaly threshold (default)", Markup.Escape(string.Create(invariant, $"{thresholds.Default.Name} = {thresholds.Default.Value:G4}")));
        }

        table.AddRow("checkpoint", Markup.Escape(outcome.Folder));
        console.Write(table);
    }
}
