using System.Globalization;
using Autoencoders.Cli.Output;
using Autoencoders.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>Runs an anomaly-detection benchmark protocol and writes anomaly-benchmark.json and its page (the notebooks' 10).</summary>
internal sealed class AnomalyBenchmarkCommand(IAnsiConsole console) : Command<AnomalyBenchmarkSettings>
{
    public override int Execute(CommandContext context, AnomalyBenchmarkSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Protocol != AnomalyBenchmark.RandomSplitsProtocol)
        {
            throw new UserInputException($"the {settings.Protocol} protocol is not available in this build");
        }

        settings.LoadTorch(console);
        AnomalyBenchmarkReport report;
        try
        {
            report = AnomalyBenchmark.RandomSplits(settings.Dataset!, settings.Options, new ConsoleObserver(console), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.WriteLine("Interrupted: nothing written.");
            return CliApp.Interrupted;
        }

        Directory.CreateDirectory(settings.Out);
        var json = Path.Combine(settings.Out, AnomalyBenchmarkReport.FileName);
        var page = Path.Combine(settings.Out, AnomalyBenchmarkReport.PageFileName);
        report.Save(json);
        AnomalyBenchmarkPage.Save(report, page);
        Print(report);
        console.WriteLine($"Wrote {json} and {page}.");
        return CliApp.Success;
    }

    private void Print(AnomalyBenchmarkReport report)
    {
        var invariant = CultureInfo.InvariantCulture;
        var table = new Table().AddColumns("method", "ROC AUC", "average precision", "F1 top-q", "F1-max (bound)");
        foreach (var method in report.Methods)
        {
            table.AddRow(Markup.Escape(method.Name),
                string.Create(invariant, $"{method.RocAuc.Mean:F4} ± {method.RocAuc.Sd:F4}"),
                string.Create(invariant, $"{method.AveragePrecision.Mean:F4} ± {method.AveragePrecision.Sd:F4}"),
                method.F1[^2].Mean.ToString("F3", invariant),
                method.F1[^1].Mean.ToString("F3", invariant));
        }

        console.Write(table);
        console.WriteLine(string.Create(invariant,
            $"{report.Dataset}: {report.Settings.Splits} splits, mean ± sample s.d.; F1 top-q flags the top {report.Settings.Contamination:P0} of the training scores; F1-max is chosen on the test labels (an upper bound)."));
    }
}
