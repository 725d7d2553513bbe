using System.Globalization;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>Runs an anomaly-detection benchmark protocol and writes anomaly-benchmark.json and its page (the notebooks' 10).</summary>
internal sealed class AnomalyBenchmarkCommand(IAnsiConsole console) : Command<AnomalyBenchmarkSettings>
{
    public override int Execute(CommandContext context, AnomalyBenchmarkSettings settings, CancellationToken cancellationToken)
    {
        settings.LoadTorch(console);
        if (settings.IsOneClass)
        {
            return OneClass(settings, cancellationToken);
        }

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

        var (json, page) = Write(settings.Out, report.Save, path => AnomalyBenchmarkPage.Save(report, path));
        Print(report);
        console.WriteLine($"Wrote {json} and {page}.");
        return CliApp.Success;
    }

    private int OneClass(AnomalyBenchmarkSettings settings, CancellationToken cancellationToken)
    {
        OneClassResult result;
        OneClassFlagged? flagged = null;
        try
        {
            using var data = Datasets.Load(settings.Dataset!);
            var observer = new ConsoleObserver(console);
            result = OneClassBenchmark.Run(data, settings.OneClassOptions, observer, cancellationToken);
            if (settings.Heatmap is { } label)
            {
                flagged = OneClassBenchmark.Flagged(data, label, settings.OneClassOptions, observer: observer, cancellationToken: cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.WriteLine("Interrupted: nothing written.");
            return CliApp.Interrupted;
        }

        var (json, page) = Write(settings.Out, result.Save, path => OneClassPage.Save(result, path, flagged));
        Print(result);
        if (flagged is not null)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"The model of class {flagged.Name} flags {flagged.Flagged:N0} of {flagged.TestSamples:N0} test images ({flagged.FlaggedNormal:N0} of its own class); the page shows the top ones with their error heat maps."));
        }

        console.WriteLine($"Wrote {json} and {page}.");
        return CliApp.Success;
    }

    // Both protocols write the same two files, each atomically.
    private static (string Json, string Page) Write(string folder, Action<string> saveJson, Action<string> savePage)
    {
        Directory.CreateDirectory(folder);
        var json = Path.Combine(folder, AnomalyBenchmarkReport.FileName);
        var page = Path.Combine(folder, AnomalyBenchmarkReport.PageFileName);
        saveJson(json);
        savePage(page);
        return (json, page);
    }

    private void Print(OneClassResult result)
    {
        var table = new Table().AddColumn("class");
        foreach (var method in result.Methods)
        {
            table.AddColumn(Markup.Escape(method.Name));
        }

        foreach (var perClass in result.PerClass)
        {
            table.AddRow([Markup.Escape(perClass.Name), .. perClass.Methods.Select(method => OneClassPage.Format(method.RocAuc))]);
        }

        table.AddRow(["mean", .. result.Methods.Select(method => OneClassPage.Format(method.RocAuc))]);
        console.Write(table);
        console.WriteLine($"{result.Dataset}: ROC AUC with one class normal and the others anomalous; mean ± sample s.d. over seeds {string.Join(", ", result.Seeds)}.");
        foreach (var method in result.Methods)
        {
            console.WriteLine($"  {method.Name}: {method.Detail}");
        }
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
