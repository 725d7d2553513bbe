using System.Diagnostics;
using System.Globalization;
using Autoencoders.Evaluation.Nab;
using Autoencoders.Native;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary><c>nab run</c>: the online autoencoder over NAB's corpus, written in NAB's layout, then scored.</summary>
internal sealed class NabRunCommand(IAnsiConsole console) : Command<NabRunSettings>
{
    public override int Execute(CommandContext context, NabRunSettings settings, CancellationToken cancellationToken)
    {
        var corpus = NabCorpus.Read(settings.Corpus, settings.Include);
        // One libtorch thread: the models are small, and one thread gives the same floats on every machine size.
        TorchRuntime.EnsureLoaded(1);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{corpus.Series.Count} files, {corpus.Series.Sum(series => series.Count):N0} rows, one after another on one libtorch thread"));
        var clock = Stopwatch.StartNew();
        var done = 0;
        IReadOnlyList<NabFileRun> runs;
        try
        {
            runs = NabRun.Run(corpus, settings.Out, new NabRunOptions(settings.Options, settings.Detector),
                new Progress(run => console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  [{Interlocked.Increment(ref done)}/{corpus.Series.Count}] {run.Detections.Series.RelativePath}: {run.Detections.Series.Count:N0} rows in {run.Elapsed.TotalSeconds:F1} s"))),
                cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.WriteLine("Interrupted: the files finished so far are written; nab.json is not.");
            return CliApp.Interrupted;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var detections = runs.Select(run => run.Detections).ToList();
        var scores = NabScorer.Score(detections, corpus.Profiles);
        var machine = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, one libtorch thread, one file at a time");
        var report = NabReport.Of(settings.Detector, corpus, detections, scores, settings.Options, seconds, machine);
        NabOutput.Finish(console, report, scores, settings.Out, settings.Files is not null);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Ran in {seconds:F0} s ({machine})."));
        return CliApp.Success;
    }

    private sealed class Progress(Action<NabFileRun> report) : IProgress<NabFileRun>
    {
        public void Report(NabFileRun value) => report(value);
    }
}

/// <summary><c>nab score</c>: any detector's results in NAB's layout, scored as NAB scores them.</summary>
internal sealed class NabScoreCommand(IAnsiConsole console) : Command<NabScoreSettings>
{
    public override int Execute(CommandContext context, NabScoreSettings settings, CancellationToken cancellationToken)
    {
        var corpus = NabCorpus.Read(settings.Corpus, settings.Include);
        var (detector, detections) = NabResults.Read(settings.Results!, corpus);
        if (detections.Count < corpus.Series.Count)
        {
            console.WriteLine($"warning: {settings.Results} has results for {detections.Count} of the corpus's {corpus.Series.Count} files; only those are scored.");
        }

        var scores = NabScorer.Score(detections, corpus.Profiles);
        NabOutput.Finish(console, NabReport.Of(detector, corpus, detections, scores), scores, settings.Out, settings.Files is not null || detections.Count < corpus.Series.Count);
        return CliApp.Success;
    }
}

/// <summary>What both verbs print and write once the scores are known.</summary>
internal static class NabOutput
{
    public static void Finish(IAnsiConsole console, NabReport report, IReadOnlyList<NabProfileScore> scores, string folder, bool slice)
    {
        var table = new Table().AddColumn("detector");
        foreach (var profile in report.Profiles)
        {
            table.AddColumn(new TableColumn(Markup.Escape(profile.Profile)).RightAligned());
        }

        foreach (var (name, values, ours) in report.Ranking())
        {
            var cells = values.Select(NabReport.Format).Select(Markup.Escape);
            table.AddRow([ours ? $"[bold]{Markup.Escape(name)}[/]" : Markup.Escape(name), .. ours ? cells.Select(cell => $"[bold]{cell}[/]") : cells]);
        }

        console.Write(table);
        if (slice)
        {
            console.WriteLine($"note: {report.Files} files scored, not the whole corpus: the published scores beside them are for all of NAB's 58 files.");
        }

        foreach (var profile in report.Profiles)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{profile.Profile}: threshold {profile.Threshold:G6}, raw {profile.RawScore:F2} (null {profile.NullScore:F2}, perfect {profile.PerfectScore:F2}); by category: {string.Join(", ", profile.Categories.Select(pair => $"{pair.Key} {NabReport.Format(pair.Value)}"))}"));
        }

        Directory.CreateDirectory(folder);
        var json = Path.Combine(folder, NabReport.FileName);
        report.Save(json);
        var page = Path.Combine(folder, NabReport.PageFileName);
        NabPage.Save(report, scores, page);
        console.WriteLine($"Wrote {json} and {page}.");
    }
}
