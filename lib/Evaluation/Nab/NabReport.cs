using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Autoencoders.IO;
using Autoencoders.Streaming;

namespace Autoencoders.Evaluation.Nab;

/// <summary>One profile's result in <c>nab.json</c>.</summary>
/// <param name="Profile">The profile's name.</param>
/// <param name="Score">NAB's normalised score (null detector 0, perfect 100).</param>
/// <param name="Threshold">The corpus threshold that gave it.</param>
/// <param name="RawScore">The raw corpus score.</param>
/// <param name="NullScore">The null detector's raw score.</param>
/// <param name="PerfectScore">A perfect detector's raw score.</param>
/// <param name="Categories">The normalised score of each category's files at the same threshold (ours; NAB reports the corpus only); categories without labelled windows are left out.</param>
public sealed record NabProfileSummary(string Profile, double Score, double Threshold, double RawScore, double NullScore, double PerfectScore, IReadOnlyDictionary<string, double> Categories);

/// <summary>
/// What <c>nab run</c> and <c>nab score</c> write to <c>nab.json</c>: the detector's three profile scores, per category,
/// beside the published scoreboard (the corpus's <c>results/final_results.json</c>), and how the run was made.
/// </summary>
/// <param name="Detector">The detector's name.</param>
/// <param name="Corpus">The corpus folder.</param>
/// <param name="Files">Files scored.</param>
/// <param name="Rows">Rows in them.</param>
/// <param name="Profiles">One entry per profile.</param>
/// <param name="Scoreboard">Published detector → profile → score (empty when the corpus has no scoreboard).</param>
/// <param name="Settings">The online detector's settings (null for <c>nab score</c>).</param>
/// <param name="Seconds">Wall-clock seconds of the run (null for <c>nab score</c>).</param>
/// <param name="Machine">Where it ran (cores, date), for the timing.</param>
/// <param name="Values">Flat keys for the documentation's number checks, e.g. <c>standard</c>.</param>
public sealed record NabReport(
    string Detector,
    string Corpus,
    int Files,
    long Rows,
    IReadOnlyList<NabProfileSummary> Profiles,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Scoreboard,
    OnlineDetectorOptions? Settings,
    double? Seconds,
    string? Machine,
    IReadOnlyDictionary<string, double> Values)
{
    /// <summary>The report's file name.</summary>
    public const string FileName = "nab.json";

    /// <summary>The page's file name.</summary>
    public const string PageFileName = "nab.html";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Builds the report from the scores of every profile.</summary>
    public static NabReport Of(string detector, NabCorpus corpus, IReadOnlyList<NabDetections> detections, IReadOnlyList<NabProfileScore> scores,
        OnlineDetectorOptions? settings = null, double? seconds = null, string? machine = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(detections);
        ArgumentNullException.ThrowIfNull(scores);
        // A category without labelled windows has no perfect score to normalise by (its false positives still count in the corpus).
        var categories = detections.GroupBy(entry => entry.Series.Category).Where(group => group.Any(entry => entry.Series.Windows.Count > 0))
            .OrderBy(group => group.Key, StringComparer.Ordinal).ToList();
        var profiles = scores.Select(score => new NabProfileSummary(score.Profile.Name, score.Normalised, score.Threshold, score.RawScore, score.NullScore, score.PerfectScore,
            categories.ToDictionary(group => group.Key, group => score.NormalisedFor(group.Select(entry => entry.Series.RelativePath)), StringComparer.Ordinal))).ToList();
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            values[profile.Profile] = profile.Score;
            foreach (var (category, score) in profile.Categories)
            {
                values[$"{profile.Profile}.{category}"] = score;
            }
        }

        var board = ReadScoreboard(corpus.Folder);
        foreach (var (published, byProfile) in board)
        {
            foreach (var (profile, score) in byProfile)
            {
                values[$"published.{published}.{profile}"] = score;
            }
        }

        if (seconds is { } elapsed)
        {
            values["seconds"] = elapsed;
        }

        return new NabReport(detector, corpus.Folder, detections.Count, detections.Sum(entry => (long)entry.Series.Count), profiles, board, settings, seconds, machine, values);
    }

    /// <summary>The corpus's published scoreboard (<c>results/final_results.json</c>), or empty when absent.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> ReadScoreboard(string corpusFolder)
    {
        var path = Path.Combine(corpusFolder, "results", "final_results.json");
        if (!File.Exists(path))
        {
            return new Dictionary<string, IReadOnlyDictionary<string, double>>();
        }

        using var document = NabJson.Parse(path);
        return document.RootElement.EnumerateObject().Where(entry => entry.Value.ValueKind == JsonValueKind.Object).ToDictionary(
            entry => entry.Name,
            entry => (IReadOnlyDictionary<string, double>)entry.Value.EnumerateObject().Where(profile => profile.Value.ValueKind == JsonValueKind.Number)
                .ToDictionary(profile => profile.Name, profile => profile.Value.GetDouble(), StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    /// <summary>The published detectors and ours, best standard score first: (name, standard, low FP, low FN, ours?).</summary>
    public IReadOnlyList<(string Name, double[] Scores, bool Ours)> Ranking()
    {
        var names = Profiles.Select(profile => profile.Profile).ToList();
        var rows = Scoreboard.Select(entry => (entry.Key, names.Select(name => entry.Value.GetValueOrDefault(name, double.NaN)).ToArray(), false)).ToList();
        rows.Add(($"{Detector} (ours)", Profiles.Select(profile => profile.Score).ToArray(), true));
        return rows.OrderByDescending(row => row.Item2.Length > 0 ? row.Item2[0] : 0).ToList();
    }

    /// <summary>Writes the report as indented JSON through a temporary file.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>Reads a report written by <see cref="Save"/>.</summary>
    public static NabReport Load(string path) =>
        JsonSerializer.Deserialize<NabReport>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path}: empty report");

    /// <summary>A number as the reports print it: one decimal, invariant culture.</summary>
    public static string Format(double value) => double.IsNaN(value) ? "–" : value.ToString("F1", CultureInfo.InvariantCulture);
}
