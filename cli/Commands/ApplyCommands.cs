using System.Globalization;
using Autoencoders.Cli.Output;
using Autoencoders.Pipeline.Verbs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>Writes the codes of new data (dimensionality reduction with a saved model).</summary>
internal sealed class EncodeCommand(IAnsiConsole console) : Command<ApplySettings>
{
    public override int Execute(CommandContext context, ApplySettings settings, CancellationToken cancellationToken)
    {
        settings.LoadTorch(console);
        return Interruption.Run(console, settings.Out!, () =>
        {
            var outcome = ModelApplication.Encode(settings.Request, new ConsoleObserver(console), cancellationToken);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote the codes of {outcome.Rows:N0} samples to {outcome.Output}"));
            return CliApp.Success;
        }, cancellationToken);
    }
}

/// <summary>Writes the reconstructions of new data (denoising with a saved model).</summary>
internal sealed class ReconstructCommand(IAnsiConsole console) : Command<ApplySettings>
{
    public override int Execute(CommandContext context, ApplySettings settings, CancellationToken cancellationToken)
    {
        settings.LoadTorch(console);
        return Interruption.Run(console, settings.Out!, () =>
        {
            var outcome = ModelApplication.Reconstruct(settings.Request, new ConsoleObserver(console), cancellationToken);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {outcome.Rows:N0} reconstruction{(outcome.Rows == 1 ? "" : "s")} to {outcome.Output}"));
            return CliApp.Success;
        }, cancellationToken);
    }
}

/// <summary>Writes the anomaly scores and flags of new data (anomaly detection with a saved model).</summary>
internal sealed class ScoreCommand(IAnsiConsole console) : Command<ScoreSettings>
{
    public override int Execute(CommandContext context, ScoreSettings settings, CancellationToken cancellationToken)
    {
        if (settings.IsOnnx)
        {
            return OnnxScoring.Score(console, settings);
        }

        settings.LoadTorch(console);
        return Interruption.Run(console, settings.Out!, () => Score(settings, cancellationToken), cancellationToken);
    }

    private int Score(ScoreSettings settings, CancellationToken cancellationToken)
    {
        var outcome = ModelApplication.Score(settings.Request, new ConsoleObserver(console), cancellationToken);
        var scored = outcome.Scores!;
        var windows = scored.FlaggedWindowCount is { } flaggedWindows ? string.Create(CultureInfo.InvariantCulture, $"; {flaggedWindows:N0} of {scored.WindowScores!.Count:N0} windows") : "";
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Scored {scored.Ids.Count:N0} rows: {scored.FlaggedCount:N0} flagged as anomalies{windows} (score above {scored.Threshold.Name} = {scored.Threshold.Value:G4}). Wrote {outcome.Output}"));
        if (outcome.Detection is { } detection)
        {
            console.WriteLine(detection.Describe(scored.Timestamps));
        }

        return CliApp.Success;
    }
}
