using System.Globalization;
using Autoencoders.Cli.Output;
using Autoencoders.Pipeline.Verbs;
using Autoencoders.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>Trains a model on a data set and saves the checkpoint and the history (the notebooks' step 3).</summary>
internal sealed class TrainCommand(IAnsiConsole console) : Command<TrainSettings>
{
    // A resumed run is the saved run continued: only how far, where to and how fast may be said again.
    private static readonly string[] OptionsAllowedOnResume = ["--resume", "--epochs", "--out", "--threads", "--dataset"];

    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        var given = GivenOptions(context.Arguments);
        if (settings.Resume is not null && given.FirstOrDefault(option => !OptionsAllowedOnResume.Contains(option)) is { } contradiction)
        {
            throw new UserInputException(
                $"{contradiction} cannot be given with --resume: a resumed run keeps the model, data and training options of its checkpoint; leave {contradiction} out, or train a new model into another --out");
        }

        settings.LoadTorch(console);
        if (File.Exists(Path.Combine(settings.Out, Autoencoders.Checkpoints.Checkpoint.MetadataFileName))
            && (settings.Resume is null || Path.GetFullPath(settings.Resume) != Path.GetFullPath(settings.Out)))
        {
            console.WriteLine($"note: {settings.Out} holds a checkpoint already; this run replaces it when it saves (give another --out to keep it).");
        }

        var observer = new ConsoleObserver(console);
        using var outcome = settings.Resume is { } resume
            ? Workflows.Resume(new ResumeRequest(resume, settings.Epochs, given.Contains("--dataset") ? settings.Dataset : null, settings.Out), observer, cancellationToken)
            : Workflows.Train(RequestWithDefaults(settings, given, observer), observer, cancellationToken);
        Print(outcome);
        return outcome.Summary.StopReason == StopReason.Cancelled ? CliApp.Interrupted : CliApp.Success;
    }

    private static TrainRequest RequestWithDefaults(TrainSettings settings, List<string> given, ConsoleObserver observer)
    {
        var (defaults, selected) = Workflows.DefaultsFor(settings.Request.Dataset, settings.LoadOptions, settings.Selection);
        observer.Message(given.Contains("--model")
            ? $"Model and training as given (--model); score and threshold from the {defaults.Kind.ToString().ToLowerInvariant()} defaults unless --score or --contamination say otherwise."
            : $"Using the {defaults.Description}; options on the command line change it.");
        return settings.RequestFor(defaults, given, selected);
    }

    // The long options on the command line, as typed (--name or --name=value), after the verb.
    private static List<string> GivenOptions(IReadOnlyList<string> arguments) =>
        [.. arguments.Where(argument => argument.StartsWith("--", StringComparison.Ordinal)).Select(argument => argument.Split('=', 2)[0]).Distinct()];

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
            if (summary.TestMse is { } mse)
            {
                table.AddRow("test MSE", mse.ToString("F5", invariant));
            }

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

        table.AddRow("anomaly score", Markup.Escape(outcome.Model.ScoreKind));
        if (outcome.Model.Thresholds is { } thresholds)
        {
            table.AddRow("anomaly threshold (default)", Markup.Escape(string.Create(invariant, $"{thresholds.Default.Name} = {thresholds.Default.Value:G4}")));
        }

        table.AddRow("checkpoint", Markup.Escape(outcome.Folder));
        console.Write(table);
    }
}
