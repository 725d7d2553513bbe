using System.Globalization;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Plots;

namespace Autoencoders.Evaluation.Nab;

/// <summary>
/// The offline page of a NAB run: the three profile scores beside the published scoreboard, the scores per category,
/// and for each file the series with its labelled windows shaded and the standard profile's detections marked. File
/// names and detector names come from the folders and stay text (HTML-escaped, literal in charts).
/// </summary>
public static class NabPage
{
    /// <summary>Writes the page (atomically; plotly.js inlined, so it opens offline).</summary>
    public static void Save(NabReport report, IReadOnlyList<NabProfileScore> scores, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        ChartHtml.SaveReport(path, $"NAB: {report.Detector}", Sections(report, scores));
    }

    /// <summary>The page's sections, for <see cref="ChartHtml.SaveReport"/> or a notebook.</summary>
    public static IReadOnlyList<ReportSection> Sections(NabReport report, IReadOnlyList<NabProfileScore> scores)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(scores);
        var invariant = CultureInfo.InvariantCulture;
        var names = report.Profiles.Select(profile => profile.Profile).ToList();
        var sections = new List<ReportSection>
        {
            new("Scores beside the scoreboard",
                string.Create(invariant, $"`{report.Detector}` on {report.Files} files ({report.Rows:N0} rows) of `{report.Corpus}`, scored by NAB's rules: ") +
                "one threshold per profile for the whole corpus, the best; 0 is the null detector, 100 a perfect one. " +
                "The other rows are NAB's published scoreboard (results/final_results.json).",
                [new ReportTable(["detector", .. names], [.. report.Ranking().Select(row => (IReadOnlyList<string>)[row.Name, .. row.Scores.Select(NabReport.Format)])])]),
            new("By category",
                "Each category's files normalised the same way at the corpus threshold (ours: NAB reports the corpus only); a category without labelled windows has no perfect score and is left out.",
                [new ReportTable(["category", .. names],
                    [.. report.Profiles[0].Categories.Keys.Select(category => (IReadOnlyList<string>)[category, .. report.Profiles.Select(profile => NabReport.Format(profile.Categories[category]))])])]),
        };
        if (scores.Count > 0)
        {
            var standard = scores.FirstOrDefault(score => score.Profile.Name == NabProfile.Standard.Name) ?? scores[0];
            sections.Add(new ReportSection($"Each file at the {standard.Profile.Name} profile's threshold",
                string.Create(invariant, $"Threshold {standard.Threshold:G6}: red markers are detections, shaded bands the labelled windows; a file's score is its raw NAB score (windows detected minus missed windows and false positives)."),
                [FileTable(standard)],
                [.. standard.Files.Select(file => FileChart(file, report))]));
        }

        return sections;
    }

    private static ReportTable FileTable(NabProfileScore score) => new(
        ["file", "windows", "detected", "false positives", "raw score"],
        [.. score.Files.Select(file => (IReadOnlyList<string>)[
            file.RelativePath,
            file.Windows.ToString(CultureInfo.InvariantCulture),
            file.DetectedWindows.ToString(CultureInfo.InvariantCulture),
            file.FalsePositives.ToString(CultureInfo.InvariantCulture),
            file.Score.ToString("F2", CultureInfo.InvariantCulture)])]);

    private static Plotly.NET.GenericChart FileChart(NabFileScore file, NabReport report)
    {
        var series = file.Series;
        var flags = new bool[series.Count];
        foreach (var row in file.Detections)
        {
            flags[row] = true;
        }

        var times = series.Timestamps.Values;
        var windows = series.Windows
            .Select(window => (First: IndexOf(times, window.Start), Last: IndexOf(times, window.End)))
            .Where(range => range.First >= 0 && range.Last >= range.First)
            .Select(range => new StepRange(range.First, range.Last))
            .ToList();
        return TimeSeriesCharts.Anomalies(series.Values.Select(value => (double)value).ToArray(), flags, windows, series.Timestamps.Texts, "value",
            string.Create(CultureInfo.InvariantCulture, $"{file.RelativePath}: {file.DetectedWindows} of {file.Windows} windows detected, {file.FalsePositives} false positives ({report.Detector})"));
    }

    private static int IndexOf(IReadOnlyList<DateTimeOffset> times, DateTimeOffset time)
    {
        for (var i = 0; i < times.Count; i++)
        {
            if (times[i] == time)
            {
                return i;
            }
        }

        return -1;
    }
}
