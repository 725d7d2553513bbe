using System.Globalization;
using Autoencoders.Data;
using Autoencoders.Data.Images;
using Autoencoders.IO;
using static TorchSharp.torch;

namespace Autoencoders.Pipeline.Verbs;

/// <summary>The <c>explanation</c> column of <c>score --explain K</c>: why each row scores as it does, by kind of data.</summary>
internal static class ScoreExplanations
{
    public static IReadOnlyList<string> For(TrainedModel trained, InputData input, ScoredInput scored, int columns, string scoresPath) => input.Format switch
    {
        DataFormat.Table => Table(trained, input, columns),
        DataFormat.Windows => WorstWindows(scored, (int)trained.InputShape[0]),
        _ => Images(trained, input, scored, ImageFolder(scoresPath)),
    };

    /// <summary>Where the per-pixel error images of flagged images go: beside the scores file, named after it.</summary>
    public static string ImageFolder(string scoresPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(scoresPath))!, Path.GetFileNameWithoutExtension(scoresPath) + "-explain");

    // "c: 9 → 0.12 (81 %); a: …": the columns that contribute most, in the data's units, with their share of the score's sum.
    private static string[] Table(TrainedModel trained, InputData input, int columns) =>
        [.. trained.Explain(input.Samples, Math.Min(columns, trained.Recipe!.Columns!.Count)).Select(row => string.Join("; ", row.WorstColumns.Select(column =>
            string.Create(CultureInfo.InvariantCulture, $"{column.Column}: {column.Value:G4} → {column.Reconstruction:G4} ({column.Share:P0})"))))];

    // A flagged step is flagged because every window holding it scores high; the worst of them shows the anomaly best.
    private static string[] WorstWindows(ScoredInput scored, int window)
    {
        var windows = scored.WindowScores!;
        return [.. Enumerable.Range(0, scored.Ids.Count).Select(step =>
        {
            if (!scored.Flags[step])
            {
                return "";
            }

            var first = Math.Max(0, step - window + 1);
            var last = Math.Min(step, windows.Count - 1);
            var worst = Enumerable.Range(first, last - first + 1).OrderByDescending(w => windows[w]).ThenBy(w => w).First();
            return string.Create(CultureInfo.InvariantCulture, $"worst window: steps {scored.Ids[worst]}..{scored.Ids[Math.Min(worst + window - 1, scored.Ids.Count - 1)]} (score {windows[worst]:G6})");
        })];
    }

    // One PNG per flagged image: the image, its reconstruction and the per-pixel squared error (scaled to its largest value) side by side.
    private static string[] Images(TrainedModel trained, InputData input, ScoredInput scored, string folder)
    {
        var size = InputReader.ImageSize(trained.Recipe!);
        var flagged = Enumerable.Range(0, scored.Ids.Count).Where(i => scored.Flags[i]).ToList();
        var names = new string[scored.Ids.Count];
        Array.Fill(names, "");
        AtomicFolder.Replace(folder, fresh =>
        {
            var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var row in flagged)
            {
                using var scope = NewDisposeScope();
                var image = input.Samples[row].reshape(1, 1, size.Height, size.Width);
                var rebuilt = trained.Reconstruct(image).reshape(1, size.Height, size.Width);
                var original = image.reshape(1, size.Height, size.Width);
                var error = (original - rebuilt).square();
                var peak = error.max().item<float>();
                var panel = cat([original, rebuilt, peak > 0 ? error / peak : error], 2).clamp(0, 1);
                var name = Unique(taken, SafeName(Path.GetFileNameWithoutExtension(scored.Ids[row])));
                ImageFiles.WritePng(panel, Path.Combine(fresh, name + ".png"));
                names[row] = Path.Combine(Path.GetFileName(folder), name + ".png");
            }
        }, entry => entry.EndsWith(".png", StringComparison.OrdinalIgnoreCase));
        return names;
    }

    private static string SafeName(string id)
    {
        var safe = new string([.. id.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
        return safe.Length == 0 ? "image" : safe;
    }

    private static string Unique(HashSet<string> taken, string name)
    {
        var candidate = name;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = string.Create(CultureInfo.InvariantCulture, $"{name}-{n}");
        }

        return candidate;
    }
}
