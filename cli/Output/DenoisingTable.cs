using System.Globalization;
using Autoencoders.Evaluation.Denoising;
using Autoencoders.Pipeline;
using Spectre.Console;

namespace Autoencoders.Cli.Output;

/// <summary>Prints the denoising section of an evaluation: one table per noise, and the sweep as PSNR per level.</summary>
internal static class DenoisingTable
{
    public static void Print(IAnsiConsole console, DenoisingResults? results)
    {
        if (results is null)
        {
            return;
        }

        foreach (var report in new[] { results.Main }.Concat(results.OtherKinds))
        {
            var table = Of(DenoisingFigures.Table(report));
            table.Title = new TableTitle(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"Denoising {report.TestSamples:N0} test images, {report.Noise} noise {report.Level:G3} (seed {report.Seed})")));
            console.Write(table);
            foreach (var reason in report.Omitted)
            {
                console.WriteLine($"not measured: {reason}");
            }
        }

        if (results.Sweep.Count > 0)
        {
            var sweep = Of(DenoisingFigures.SweepTable(results.Sweep));
            sweep.Title = new TableTitle("PSNR (dB) against the Gaussian noise factor");
            console.Write(sweep);
        }
    }

    private static Table Of(Autoencoders.Plots.ReportTable source)
    {
        var table = new Table().AddColumns([.. source.Header.Select(Markup.Escape)]);
        foreach (var row in source.Rows)
        {
            table.AddRow([.. row.Select(Markup.Escape)]);
        }

        return table;
    }
}
