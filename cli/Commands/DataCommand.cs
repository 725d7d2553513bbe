using System.ComponentModel;
using System.Globalization;
using Autoencoders.Cli.Output;
using Autoencoders.IO;
using Autoencoders.Data;
using Autoencoders.Native;
using Spectre.Console;
using Spectre.Console.Cli;
using Autoencoders.Plots;

namespace Autoencoders.Cli.Commands;

/// <summary>Summarises a data set and, on request, writes an HTML grid of its first test images.</summary>
internal sealed class DataCommand(IAnsiConsole console) : Command<DataCommand.Settings>
{
    /// <summary>Options of the data verb.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--dataset <NAME>")]
        [Description("digits (embedded), fashion-mnist, mnist, a folder of IDX files, or a .csv file.")]
        [DefaultValue(Datasets.Digits)]
        public string Dataset { get; init; } = Datasets.Digits;

        [CommandOption("--show <N>")]
        [Description("Write the first N test images to OUT/examples.html (0: none).")]
        [DefaultValue(0)]
        public int Show { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Folder for examples.html.")]
        [DefaultValue("out/data")]
        public string Out { get; init; } = "out/data";

        [CommandOption("--label-column <NAME>")]
        [Description("For a .csv file: the column that holds class labels (every other column is a feature).")]
        public string? LabelColumn { get; init; }

        [CommandOption("--split-seed <N>")]
        [Description("Seeds the train/test split of data sets that come without one (digits).")]
        [DefaultValue(0L)]
        public long SplitSeed { get; init; }

        public override ValidationResult Validate() => Show >= 0
            ? ValidationResult.Success()
            : ValidationResult.Error($"--show must be 0 or more (got {Show}).");
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        TorchRuntime.EnsureLoaded();
        using var data = Datasets.Load(settings.Dataset, new DatasetLoadOptions
        {
            SplitSeed = settings.SplitSeed,
            LabelColumn = settings.LabelColumn,
            DownloadProgress = new DownloadReporter(console),
        });
        Print(DatasetSummary.Of(data));
        foreach (var warning in data.Warnings)
        {
            console.WriteLine($"warning: {warning}");
        }

        if (settings.Show > 0)
        {
            var path = WriteExamples(data, settings.Show, settings.Out);
            console.WriteLine($"Wrote {Math.Min(settings.Show, data.TestFeatures.shape[0])} test images to {path}");
        }

        return CliApp.Success;
    }

    private void Print(DatasetSummary summary)
    {
        var invariant = CultureInfo.InvariantCulture;
        var table = new Table().AddColumns("what", "value");
        table.AddRow("data set", Markup.Escape(summary.Name));
        table.AddRow("source", Markup.Escape(summary.Source));
        table.AddRow("train / test", string.Create(invariant, $"{summary.TrainCount:N0} / {summary.TestCount:N0}"));
        table.AddRow("sample shape", Markup.Escape($"[{string.Join(", ", summary.SampleShape)}]"));
        table.AddRow("value range", string.Create(invariant, $"{summary.Minimum:G4} .. {summary.Maximum:G4}"));
        table.AddRow("mean", string.Create(invariant, $"{summary.Mean:F4}"));
        console.Write(table);

        if (summary.Classes.Count == 0)
        {
            console.WriteLine("No labels.");
            return;
        }

        var classes = new Table().AddColumns("label", "class", "train", "test");
        foreach (var item in summary.Classes)
        {
            classes.AddRow(item.Label.ToString(invariant), Markup.Escape(item.Name), item.Train.ToString("N0", invariant), item.Test.ToString("N0", invariant));
        }

        console.Write(classes);
    }

    private static string WriteExamples(Dataset data, int show, string outFolder)
    {
        if (data.SampleShape is not [1, _, _])
        {
            throw new UserInputException(
                $"--show needs images, but {data.Name} holds samples of shape [{string.Join(", ", data.SampleShape)}]; leave out --show.");
        }

        var path = Path.GetFullPath(Path.Combine(outFolder, "examples.html"));
        try
        {
            AtomicFile.WriteAllText(path, ImageGridPage.FirstTestImages(data, show));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"cannot write {path} ({error.Message}); choose another --out folder.", error);
        }

        return path;
    }
}
