namespace Autoencoders.Evaluation.Nab;

/// <summary>A detector's output for one NAB series: one anomaly score in [0, 1] per row, in file order.</summary>
/// <param name="Series">The series.</param>
/// <param name="Scores">One score per row of <paramref name="Series"/>.</param>
public sealed record NabDetections(NabSeries Series, IReadOnlyList<double> Scores);

/// <summary>One file's share of a profile's score at the corpus threshold.</summary>
/// <param name="Series">The file.</param>
/// <param name="Score">Its raw NAB score (the detected windows' values, minus missed windows and false positives).</param>
/// <param name="NullScore">The null detector's raw score on the file, at the null detector's corpus threshold.</param>
/// <param name="Windows">Labelled windows that count (those with rows after the probationary period).</param>
/// <param name="DetectedWindows">Windows with at least one detection.</param>
/// <param name="FalsePositives">Detections outside every window.</param>
/// <param name="Detections">The rows (0-based) whose score reaches the threshold, after the probationary period.</param>
public sealed record NabFileScore(NabSeries Series, double Score, double NullScore, int Windows, int DetectedWindows, int FalsePositives, IReadOnlyList<int> Detections)
{
    /// <summary>The file's path in the corpus, e.g. <c>realKnownCause/nyc_taxi.csv</c>.</summary>
    public string RelativePath => Series.RelativePath;
}

/// <summary>A detector's NAB score under one profile.</summary>
/// <param name="Profile">The profile.</param>
/// <param name="Threshold">The threshold that maximises the corpus score (a score at or above it is a detection).</param>
/// <param name="RawScore">The corpus score at that threshold: the sum of the files' scores.</param>
/// <param name="NullScore">The null detector's corpus score (NAB's baseline, normalised to 0).</param>
/// <param name="PerfectScore">A perfect detector's score: every window detected at its first row (normalised to 100).</param>
/// <param name="Files">Each file's share, in the order given.</param>
public sealed record NabProfileScore(NabProfile Profile, double Threshold, double RawScore, double NullScore, double PerfectScore, IReadOnlyList<NabFileScore> Files)
{

    /// <summary>NAB's reported score: <c>100 (raw − null) / (perfect − null)</c>.</summary>
    public double Normalised => Normalise(RawScore, NullScore, PerfectScore);

    /// <summary>
    /// The same normalisation over the files of one category (ours, for the report: NAB reports the corpus only):
    /// the category's raw, null and perfect scores at the corpus thresholds.
    /// </summary>
    public double NormalisedFor(IEnumerable<string> relativePaths)
    {
        var paths = relativePaths.ToHashSet(StringComparer.Ordinal);
        var files = Files.Where(file => paths.Contains(file.RelativePath)).ToList();
        return Normalise(files.Sum(file => file.Score), files.Sum(file => file.NullScore), files.Sum(file => file.Windows) * Profile.TruePositiveWeight);
    }

    private static double Normalise(double raw, double baseline, double perfect) =>
        perfect == baseline ? 0 : 100 * (raw - baseline) / (perfect - baseline);
}

/// <summary>
/// NAB's scorer, written again in C# from NAB's description and code (its <c>sweeper.py</c>, <c>optimizer.py</c>,
/// <c>scorer.py</c> and <c>runner.normalize</c>): one threshold per profile for the whole corpus, chosen to
/// maximise the corpus score; within a window only the best (earliest) detection counts; the raw score is
/// normalised between the null detector (0) and a perfect one (100).
/// </summary>
public static class NabScorer
{
    /// <summary>The threshold that stands for "no detection at all" (above every score in [0, 1]), as in NAB.</summary>
    public const double NoDetection = 1.1;

    /// <summary>The null detector's constant score (NAB's <c>null</c> detector).</summary>
    public const double NullDetectorScore = 0.5;

    /// <summary>Scores a detector's output on the corpus under each profile.</summary>
    /// <param name="detections">One entry per scored file.</param>
    /// <param name="profiles">The profiles, e.g. <see cref="NabProfile.Published"/>.</param>
    public static IReadOnlyList<NabProfileScore> Score(IReadOnlyList<NabDetections> detections, IReadOnlyList<NabProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(detections);
        ArgumentNullException.ThrowIfNull(profiles);
        foreach (var entry in detections)
        {
            if (entry.Scores.Count != entry.Series.Count)
            {
                throw new ArgumentException($"{entry.Series.RelativePath}: {entry.Scores.Count} scores for {entry.Series.Count} rows", nameof(detections));
            }
        }

        return profiles.Select(profile => Score(detections, profile)).ToList();
    }

    /// <summary>Scores a detector's output on the corpus under one profile (see the class summary).</summary>
    public static NabProfileScore Score(IReadOnlyList<NabDetections> detections, NabProfile profile)
    {
        ArgumentNullException.ThrowIfNull(detections);
        var rows = detections.Select(entry => NabSweep.Rows(entry.Series, profile)).ToList();
        var nulls = detections.Select(entry => new NabDetections(entry.Series, Enumerable.Repeat(NullDetectorScore, entry.Series.Count).ToArray())).ToList();
        var threshold = BestThreshold(detections, rows, profile).Threshold;
        var nullThreshold = BestThreshold(nulls, rows, profile).Threshold;
        var files = detections.Select((entry, i) =>
        {
            var file = ScoreFile(entry.Series, entry.Scores, rows[i], profile, threshold);
            var baseline = ScoreFile(entry.Series, nulls[i].Scores, rows[i], profile, nullThreshold);
            return file with { NullScore = baseline.Score };
        }).ToList();
        // NAB's perfect score counts every labelled window of the files (its label file), probationary or not.
        var perfect = detections.Sum(entry => entry.Series.Windows.Count) * profile.TruePositiveWeight;
        return new NabProfileScore(profile, threshold, files.Sum(file => file.Score), files.Sum(file => file.NullScore), perfect, files);
    }

    /// <summary>
    /// The threshold with the highest corpus score under a profile, and that score: every distinct score of a scored
    /// row is tried from the highest down, after <see cref="NoDetection"/>; on a tie the higher threshold wins.
    /// </summary>
    public static (double Threshold, double Score) BestThreshold(IReadOnlyList<NabDetections> detections, NabProfile profile)
    {
        ArgumentNullException.ThrowIfNull(detections);
        return BestThreshold(detections, detections.Select(entry => NabSweep.Rows(entry.Series, profile)).ToList(), profile);
    }

    /// <summary>
    /// Each row's part of the file's score at <paramref name="threshold"/>, laid out as NAB's published result files
    /// give it in their <c>S(t)_&lt;profile&gt;</c> columns: a window's value (its best detection's, or minus the
    /// false-negative weight when missed) on the window's first row, each false positive's (negative) value on its
    /// row, 0 elsewhere. The values sum to the file's score.
    /// </summary>
    public static double[] RowScores(NabDetections detections, NabProfile profile, double threshold)
    {
        ArgumentNullException.ThrowIfNull(detections);
        var rows = NabSweep.Rows(detections.Series, profile);
        var file = ScoreFile(detections.Series, detections.Scores, rows, profile, threshold, out var windowParts);
        var result = new double[rows.Length];
        foreach (var row in file.Detections.Where(row => rows[row].Window < 0))
        {
            result[row] = rows[row].Weighted;
        }

        for (var row = 0; row < rows.Length; row++)
        {
            var window = rows[row].Window;
            if (window >= 0 && (row == 0 || rows[row - 1].Window != window) && windowParts.TryGetValue(window, out var part))
            {
                result[row] = part;
                windowParts.Remove(window);
            }
        }

        return result;
    }

    private static NabFileScore ScoreFile(NabSeries series, IReadOnlyList<double> scores, NabRow[] rows, NabProfile profile, double threshold) =>
        ScoreFile(series, scores, rows, profile, threshold, out _);

    // A file's score when every scored row at or above the threshold is a detection (NAB's matching row of its sweep).
    private static NabFileScore ScoreFile(NabSeries series, IReadOnlyList<double> scores, NabRow[] rows, NabProfile profile, double threshold, out Dictionary<int, double> windowParts)
    {
        windowParts = [];
        var falsePositives = 0.0;
        var falsePositiveCount = 0;
        var detections = new List<int>();
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            if (!row.Scored)
            {
                continue;
            }

            if (row.Window >= 0)
            {
                windowParts.TryAdd(row.Window, -profile.FalseNegativeWeight);
            }

            if (scores[i] < threshold)
            {
                continue;
            }

            detections.Add(i);
            if (row.Window >= 0)
            {
                windowParts[row.Window] = Math.Max(windowParts[row.Window], row.Weighted);
            }
            else
            {
                falsePositives += row.Weighted;
                falsePositiveCount++;
            }
        }

        var detected = windowParts.Values.Count(part => part > -profile.FalseNegativeWeight);
        return new NabFileScore(series, falsePositives + windowParts.Values.Sum(), 0, windowParts.Count, detected, falsePositiveCount, detections);
    }

    // NAB's optimiser: sort the scored rows of every file by score, highest first (a stable sort, as Python's), and
    // sweep the threshold down through them, adding each row's value as it becomes a detection. Each candidate's total
    // is summed as NAB sums it (false positives first, then the windows in the order they first appear in the sorted
    // rows), so that exact ties break as in NAB: the first, higher threshold wins.
    private static (double Threshold, double Score) BestThreshold(IReadOnlyList<NabDetections> detections, List<NabRow[]> rows, NabProfile profile)
    {
        var sweep = new List<(double Score, double Weighted, int Window)>();
        var windowIds = new Dictionary<(int File, int Window), int>();
        for (var file = 0; file < detections.Count; file++)
        {
            for (var i = 0; i < rows[file].Length; i++)
            {
                var row = rows[file][i];
                if (!row.Scored)
                {
                    continue;
                }

                var window = -1;
                if (row.Window >= 0 && !windowIds.TryGetValue((file, row.Window), out window))
                {
                    window = windowIds[(file, row.Window)] = windowIds.Count;
                }

                sweep.Add((detections[file].Scores[i], row.Weighted, window));
            }
        }

        var sorted = sweep.OrderByDescending(row => row.Score).ToList();
        var order = new List<int>();
        var seen = new HashSet<int>();
        foreach (var row in sorted.Where(row => row.Window >= 0 && seen.Add(row.Window)))
        {
            order.Add(row.Window);
        }

        var parts = Enumerable.Repeat(-profile.FalseNegativeWeight, windowIds.Count).ToArray();
        var falsePositives = 0.0;
        double Total()
        {
            var total = falsePositives;
            foreach (var window in order)
            {
                total += parts[window];
            }

            return total;
        }

        var best = (Threshold: NoDetection, Score: Total());
        for (var i = 0; i < sorted.Count;)
        {
            var threshold = sorted[i].Score;
            for (; i < sorted.Count && sorted[i].Score == threshold; i++)
            {
                var row = sorted[i];
                if (row.Window < 0)
                {
                    falsePositives += row.Weighted;
                }
                else
                {
                    parts[row.Window] = Math.Max(parts[row.Window], row.Weighted);
                }
            }

            var total = Total();
            if (total > best.Score)
            {
                best = (threshold, total);
            }
        }

        return best;
    }
}
