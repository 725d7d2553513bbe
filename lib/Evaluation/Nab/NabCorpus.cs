using System.Text.Json;
using Autoencoders.Data;
using Autoencoders.Data.Tabular;
using Autoencoders.Data.TimeSeries;

namespace Autoencoders.Evaluation.Nab;

/// <summary>A labelled anomaly window of a NAB series: every row from <paramref name="Start"/> to <paramref name="End"/>.</summary>
/// <param name="Start">The window's first timestamp (a row of the series has it).</param>
/// <param name="End">The window's last timestamp (a row of the series has it).</param>
public sealed record NabWindow(DateTimeOffset Start, DateTimeOffset End);

/// <summary>One series of the NAB corpus: its rows in file order and its labelled windows.</summary>
public sealed class NabSeries
{
    internal NabSeries(string path, string relativePath, Timestamps timestamps, float[] values, IReadOnlyList<NabWindow> windows)
    {
        Path = path;
        RelativePath = relativePath;
        Timestamps = timestamps;
        Values = values;
        Windows = windows;
    }

    /// <summary>The data file.</summary>
    public string Path { get; }

    /// <summary>The path inside NAB's <c>data/</c> folder with '/' separators, e.g. <c>realKnownCause/nyc_taxi.csv</c>: NAB's key for the file.</summary>
    public string RelativePath { get; }

    /// <summary>The folder the file is in, e.g. <c>realKnownCause</c>.</summary>
    public string Category => RelativePath[..RelativePath.IndexOf('/', StringComparison.Ordinal)];

    /// <summary>The file name without <c>.csv</c>, e.g. <c>nyc_taxi</c>.</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(RelativePath);

    /// <summary>Each row's timestamp, in file order (repeats and steps back kept, as NAB keeps them).</summary>
    public Timestamps Timestamps { get; }

    /// <summary>Each row's value.</summary>
    public float[] Values { get; }

    /// <summary>The labelled windows, in time order.</summary>
    public IReadOnlyList<NabWindow> Windows { get; }

    /// <summary>Number of rows.</summary>
    public int Count => Values.Length;

    /// <summary>Rows NAB leaves unscored at the start, where a detector may learn (<see cref="NabSweep.ProbationLength"/>).</summary>
    public int ProbationLength => NabSweep.ProbationLength(Count);
}

/// <summary>
/// NAB's corpus as its repository lays it out: <c>data/&lt;category&gt;/&lt;name&gt;.csv</c> (<c>timestamp,value</c>),
/// <c>labels/combined_windows.json</c> (the windows per file) and <c>config/profiles.json</c> (the profiles).
/// </summary>
public sealed class NabCorpus
{
    private NabCorpus(string folder, IReadOnlyList<NabSeries> series, IReadOnlyList<NabProfile> profiles)
    {
        Folder = folder;
        Series = series;
        Profiles = profiles;
    }

    /// <summary>The corpus folder.</summary>
    public string Folder { get; }

    /// <summary>The series, ordered by relative path.</summary>
    public IReadOnlyList<NabSeries> Series { get; }

    /// <summary>The profiles of <c>config/profiles.json</c> (NAB's three when the file is absent).</summary>
    public IReadOnlyList<NabProfile> Profiles { get; }

    /// <summary>Finds a series by its relative path (<c>realKnownCause/nyc_taxi.csv</c>), or null.</summary>
    public NabSeries? Find(string relativePath) => Series.FirstOrDefault(series => series.RelativePath == relativePath);

    /// <summary>
    /// Reads the corpus. Every data file needs an entry in the labels (an empty list for a file without anomalies),
    /// and every window end must be the timestamp of exactly one row, as NAB requires.
    /// </summary>
    /// <param name="folder">The corpus folder (holds <c>data/</c>, <c>labels/</c>, optionally <c>config/</c>).</param>
    /// <param name="include">Which relative paths to read (null: all), e.g. a slice for a quick run.</param>
    /// <exception cref="DataInputException">A file or label is missing or malformed (one line saying which).</exception>
    public static NabCorpus Read(string folder, Func<string, bool>? include = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var data = Path.Combine(folder, "data");
        if (!Directory.Exists(data))
        {
            throw new DataInputException($"{folder}: has no data/ folder; give NAB's corpus folder (data/<category>/<name>.csv, labels/combined_windows.json), e.g. data/nab-corpus");
        }

        var labels = ReadWindows(Path.Combine(folder, "labels", "combined_windows.json"));
        var profilesPath = Path.Combine(folder, "config", "profiles.json");
        var profiles = File.Exists(profilesPath) ? NabProfile.Read(profilesPath) : NabProfile.Published;
        var series = new List<NabSeries>();
        foreach (var file in Directory.GetFiles(data, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(data, file).Replace('\\', '/');
            if (include is not null && !include(relative))
            {
                continue;
            }

            if (!relative.Contains('/', StringComparison.Ordinal))
            {
                throw new DataInputException($"{file}: lies directly in data/; NAB keeps each series in a category folder (data/<category>/<name>.csv)");
            }

            if (!labels.TryGetValue(relative, out var windows))
            {
                throw new DataInputException($"{file}: has no entry '{relative}' in labels/combined_windows.json; add one (an empty list when it has no anomaly)");
            }

            var table = CsvTable.Read(file);
            var timestamps = table.Timestamps ?? throw new DataInputException($"{file}: has no timestamp column; NAB files hold timestamp,value");
            CheckWindows(file, timestamps, windows);
            series.Add(new NabSeries(file, relative, timestamps, table.Column(table.FeatureNames[0]), windows));
        }

        if (series.Count == 0)
        {
            throw new DataInputException($"{data}: holds no .csv file{(include is null ? "" : " that was asked for")}; give NAB's corpus folder");
        }

        return new NabCorpus(folder, series, profiles);
    }

    /// <summary>Reads NAB's <c>labels/combined_windows.json</c>: relative path → list of [start, end] timestamps.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<NabWindow>> ReadWindows(string path)
    {
        using var document = NabJson.Parse(path);
        var windows = new Dictionary<string, IReadOnlyList<NabWindow>>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            var list = new List<NabWindow>();
            if (entry.Value.ValueKind != JsonValueKind.Array)
            {
                throw new DataInputException($"{path}: the entry '{entry.Name}' is not a list of windows; write [[\"START\", \"END\"], …]");
            }

            foreach (var pair in entry.Value.EnumerateArray())
            {
                list.Add(ReadWindow(path, entry.Name, pair));
            }

            windows[entry.Name] = list;
        }

        return windows;
    }

    private static NabWindow ReadWindow(string path, string file, JsonElement pair)
    {
        if (pair.ValueKind == JsonValueKind.Array && pair.GetArrayLength() == 2
            && pair[0].GetString() is { } start && pair[1].GetString() is { } end
            && Timestamps.TryParse(start, out var first) && Timestamps.TryParse(end, out var last))
        {
            return first <= last
                ? new NabWindow(first, last)
                : throw new DataInputException($"{path}: a window of '{file}' ends ({end}) before it starts ({start}); swap its ends");
        }

        throw new DataInputException($"{path}: a window of '{file}' is not a pair of date-times ({pair.GetRawText()}); write [\"2014-04-10 16:15:00.000000\", \"2014-04-12 01:45:00.000000\"]");
    }

    // NAB refuses a label file whose window ends are not timestamps of the series; so do we, naming the first.
    private static void CheckWindows(string file, Timestamps timestamps, IReadOnlyList<NabWindow> windows)
    {
        foreach (var window in windows)
        {
            foreach (var end in new[] { window.Start, window.End })
            {
                var count = timestamps.Values.Count(time => time == end);
                if (count != 1)
                {
                    throw new DataInputException(
                        $"{file}: the labelled window {window.Start:yyyy-MM-dd HH:mm:ss} .. {window.End:yyyy-MM-dd HH:mm:ss} has an end that {(count == 0 ? "is not a timestamp of the file" : $"is the timestamp of {count} rows")}; NAB needs each window end to be the timestamp of exactly one row");
                }
            }
        }
    }
}
