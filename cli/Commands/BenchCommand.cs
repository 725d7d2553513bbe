using System.ComponentModel;
using Autoencoders.Cli.Bench;
using Autoencoders.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>Runs the named speed measurements and writes bench.json and bench.md.</summary>
internal sealed class BenchCommand(IAnsiConsole console) : Command<BenchCommand.Settings>
{
    /// <summary>Options of the bench verb.</summary>
    public sealed class Settings : ThreadSettings
    {
        [CommandOption("--dataset <NAME>")]
        [Description("Data set to measure with; default: fashion-mnist when installed (70,000 images), else digits.")]
        public string? Dataset { get; init; }

        [CommandOption("--repetitions <N>")]
        [Description("Timed repetitions of each measurement (epochs, passes, rounds; 3 products each for matmul-peak); the median is reported.")]
        [DefaultValue(7)]
        public int Repetitions { get; init; } = 7;

        [CommandOption("--samples <N>")]
        [Description("Train and encode on at most this many training images (quick runs); default: all.")]
        public long? Samples { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Folder for bench.json and bench.md.")]
        [DefaultValue("out/bench")]
        public string Out { get; init; } = "out/bench";

        public override ValidationResult Validate() =>
            base.Validate() is { Successful: false } threadProblem ? threadProblem
            : Repetitions < 1 ? ValidationResult.Error($"--repetitions must be at least 1 (got {Repetitions}).")
            : Samples < BenchModels.BatchSize ? ValidationResult.Error($"--samples must be at least {BenchModels.BatchSize}, one batch (got {Samples}).")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        settings.LoadTorch(console);
        var dataset = settings.Dataset ?? DefaultDataset();
        var started = DateTimeOffset.UtcNow;
        using var benchContext = new BenchContext(dataset, settings.Repetitions, line => console.WriteLine(line), settings.Samples, cancellationToken);
        var results = new List<BenchResult>();
        try
        {
            foreach (var measurement in BenchMeasurements.All)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results.Add(measurement.Run(benchContext));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A partial report would read as a complete one with measurements missing.
            console.WriteLine($"bench: interrupted after {results.Count} of {BenchMeasurements.All.Count} measurements; no report written.");
            return CliApp.Interrupted;
        }

        var report = new BenchReport(dataset, started, results);
        string json, markdown;
        try
        {
            (json, markdown) = report.Write(settings.Out);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"cannot write the bench report to {Path.GetFullPath(settings.Out)} ({error.Message}); choose another --out folder.", error);
        }

        foreach (var result in results)
        {
            console.WriteLine($"{result.Name}: {result.Verdict}");
        }

        console.WriteLine($"Wrote {json} and {markdown}");
        return CliApp.Success;
    }

    private static string DefaultDataset() =>
        File.Exists(Path.Combine(Datasets.FashionMnistFolder, "train-images-idx3-ubyte.gz")) ? Datasets.FashionMnist : Datasets.Digits;
}
