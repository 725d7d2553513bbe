using System.Globalization;
using System.Text;
using Autoencoders.IO;
using Autoencoders.Onnx;
using Spectre.Console;

namespace Autoencoders.Cli.Commands;

/// <summary>score --engine onnx: an exported detector scores a CSV file on ONNX Runtime, without libtorch.</summary>
internal static class OnnxScoring
{
    public static int Score(IAnsiConsole console, ScoreSettings settings)
    {
        try
        {
            using var detector = OnnxDetector.Load(settings.Model!, settings.Threads ?? 0);
            if (detector.Description.Input == DetectorInput.Images)
            {
                throw new UserInputException($"{settings.Model} scores images, and --engine onnx reads CSV files: score images with --checkpoint (the default engine), or pass their pixels to OnnxDetector.Score (docs/onnx.md).");
            }

            var threshold = Threshold(detector.Description, settings.Threshold);
            var result = detector.ScoreCsv(settings.Input!, threshold);
            var csv = new StringBuilder("id,score,anomaly\n");
            for (var row = 0; row < result.Scores.Length; row++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{row},{OnnxDetector.Format(result.Scores[row])},{(result.Anomalies[row] ? 1 : 0)}\n");
            }

            var folder = Path.GetDirectoryName(Path.GetFullPath(settings.Out!));
            Directory.CreateDirectory(folder!);
            AtomicFile.WriteAllText(settings.Out!, csv.ToString());
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Scored {result.Scores.Length:N0} rows with ONNX Runtime: {result.AnomalyCount:N0} flagged as anomalies (score above {result.Threshold:G4}). Wrote {settings.Out}"));
            return CliApp.Success;
        }
        catch (Exception error) when (error is FormatException or FileNotFoundException or ArgumentException)
        {
            throw new UserInputException(error.Message, error);
        }
    }

    // A saved rule by name (as the checkpoint's are named), a number, or the default (null).
    private static double? Threshold(DetectorDescription description, string? ruleOrValue)
    {
        if (ruleOrValue is null)
        {
            return null;
        }

        var wanted = ruleOrValue.Trim().Replace("sd", "σ", StringComparison.OrdinalIgnoreCase).Replace("sigma", "σ", StringComparison.OrdinalIgnoreCase);
        var saved = description.Thresholds.FirstOrDefault(rule => string.Equals(rule.Key, wanted, StringComparison.OrdinalIgnoreCase));
        if (saved.Key is not null)
        {
            return saved.Value;
        }

        return double.TryParse(ruleOrValue, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new UserInputException($"--threshold '{ruleOrValue}' is neither a saved threshold rule ({string.Join(", ", description.Thresholds.Keys)}) nor a number.");
    }
}
