using System.Globalization;
using System.Text;
using Autoencoders.Data;
using Autoencoders.Data.TimeSeries;
using Autoencoders.IO;

namespace Autoencoders.Evaluation.Nab;

/// <summary>
/// A detector's results in NAB's layout: <c>&lt;detector&gt;/&lt;category&gt;/&lt;detector&gt;_&lt;file&gt;.csv</c>, each with
/// <c>timestamp,value,anomaly_score</c> (and any further columns, which are ignored) and one row per row of the
/// corpus file, in the same order.
/// </summary>
public static class NabResults
{
    /// <summary>The column NAB reads the anomaly scores from.</summary>
    public const string ScoreColumn = "anomaly_score";

    /// <summary>The detector's results file for a series, under the results folder (which holds one folder per detector).</summary>
    public static string FileFor(string resultsFolder, string detector, NabSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return Path.Combine(resultsFolder, detector, series.Category, $"{detector}_{series.Name}.csv");
    }

    /// <summary>
    /// Writes a detector's scores for one series: the corpus file's lines as written, each followed by its score
    /// (round-trip precision), through a temporary file renamed into place.
    /// </summary>
    public static string Write(string resultsFolder, string detector, NabSeries series, IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(scores);
        var lines = File.ReadLines(series.Path).Where(line => line.Length > 0).Skip(1).ToList();
        if (lines.Count != series.Count || scores.Count != series.Count)
        {
            throw new ArgumentException($"{series.Path}: {scores.Count} scores for {series.Count} rows ({lines.Count} lines)", nameof(scores));
        }

        var text = new StringBuilder("timestamp,value,anomaly_score\n");
        for (var i = 0; i < lines.Count; i++)
        {
            text.Append(lines[i].TrimEnd('\r')).Append(',').Append(scores[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        var path = FileFor(resultsFolder, detector, series);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>
    /// Reads a detector's results for the corpus files it has: <paramref name="folder"/> is the detector's folder
    /// (its name is the detector's) or a folder holding exactly one detector's folder.
    /// </summary>
    /// <exception cref="DataInputException">No results, a file the corpus lacks, a missing score column, a row count
    /// or timestamp that differs from the corpus file, or a score outside [0, 1] (one line saying where).</exception>
    public static (string Detector, IReadOnlyList<NabDetections> Detections) Read(string folder, NabCorpus corpus)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(corpus);
        if (!Directory.Exists(folder))
        {
            throw new DataInputException($"{folder}: no such folder; give a detector's results folder in NAB's layout (<detector>/<category>/<detector>_<file>.csv)");
        }

        var categories = corpus.Series.Select(series => series.Category).ToHashSet(StringComparer.Ordinal);
        var detectorFolder = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        if (!Directory.GetDirectories(detectorFolder).Any(sub => categories.Contains(Path.GetFileName(sub)))
            && Directory.GetDirectories(detectorFolder) is [var only])
        {
            detectorFolder = only;
        }

        var detector = Path.GetFileName(detectorFolder);
        var detections = new List<NabDetections>();
        foreach (var file in Directory.GetFiles(detectorFolder, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(detectorFolder, file).Replace('\\', '/');
            var name = Path.GetFileName(relative);
            if (!relative.Contains('/', StringComparison.Ordinal) || !name.StartsWith(detector + "_", StringComparison.Ordinal))
            {
                continue; // NAB's own summaries (<detector>_<profile>_scores.csv) and other files beside the results
            }

            var dataPath = $"{Path.GetDirectoryName(relative)!.Replace('\\', '/')}/{name[(detector.Length + 1)..]}";
            var series = corpus.Find(dataPath) ?? throw new DataInputException(
                $"{file}: the corpus {corpus.Folder} has no file {dataPath}; give the corpus these results were made on, or remove the file");
            detections.Add(new NabDetections(series, ReadScores(file, series)));
        }

        if (detections.Count == 0)
        {
            throw new DataInputException($"{folder}: holds no results file in NAB's layout (<detector>/<category>/<detector>_<file>.csv)");
        }

        return (detector, detections);
    }

    private static double[] ReadScores(string file, NabSeries series)
    {
        using var reader = new StreamReader(file);
        var header = (reader.ReadLine() ?? "").TrimStart('\uFEFF').Split(',').Select(name => name.Trim()).ToList();
        var timeColumn = header.IndexOf("timestamp");
        var scoreColumn = header.IndexOf(ScoreColumn);
        if (timeColumn < 0 || scoreColumn < 0)
        {
            throw new DataInputException($"{file}: line 1 has no '{(timeColumn < 0 ? "timestamp" : ScoreColumn)}' column; NAB's results have timestamp,value,anomaly_score");
        }

        var scores = new List<double>(series.Count);
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            var fields = text.Split(',');
            var row = scores.Count;
            if (fields.Length <= Math.Max(timeColumn, scoreColumn))
            {
                throw new DataInputException($"{file}: line {line} has {fields.Length} fields, fewer than the header's {header.Count}; write one value per column");
            }

            if (row >= series.Count || !Timestamps.TryParse(fields[timeColumn], out var time) || time != series.Timestamps.Values[row])
            {
                throw new DataInputException(row >= series.Count
                    ? $"{file}: has more rows than {series.Path} ({series.Count}); a results file has one row per row of its corpus file"
                    : $"{file}: line {line}: the timestamp '{fields[timeColumn].Trim()}' is not row {row + 1}'s of {series.Path} ({series.Timestamps.Texts[row]}); keep the corpus file's rows in its order");
            }

            if (!double.TryParse(fields[scoreColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out var score) || !(score >= 0 && score <= 1))
            {
                throw new DataInputException($"{file}: line {line}: the anomaly score '{fields[scoreColumn].Trim()}' is not a number in [0, 1]; NAB's scores lie in [0, 1]");
            }

            scores.Add(score);
        }

        return scores.Count == series.Count
            ? [.. scores]
            : throw new DataInputException($"{file}: has {scores.Count} rows but {series.Path} has {series.Count}; a results file has one row per row of its corpus file");
    }
}
