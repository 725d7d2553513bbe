using System.Text.Json;

namespace Autoencoders.Onnx;

/// <summary>What kind of raw samples a detector takes.</summary>
public enum DetectorInput
{
    /// <summary>Images <c>(channels, height, width)</c> (or flattened pixels) with values in [0, 1].</summary>
    Images,

    /// <summary>Table rows: one value per training column, in <see cref="DetectorDescription.Columns"/>' order.</summary>
    Table,

    /// <summary>Windows of a time series <c>(length, channels)</c>, cut every step.</summary>
    Windows,
}

/// <summary>
/// The description an exported detector carries in its metadata (<c>autoencoders.detector</c>): what raw input it takes,
/// its score and its thresholds.
/// </summary>
/// <param name="Input">What raw samples are.</param>
/// <param name="SampleShape">One sample's shape, e.g. <c>[1, 28, 28]</c>, <c>[21]</c> or <c>[288, 1]</c>.</param>
/// <param name="Columns">The training columns (table) or channels (windows), in the model's order; null for images.</param>
/// <param name="TimestampColumn">The time series' timestamp column, which is not a feature; null when there was none.</param>
/// <param name="Score">The score's name (<c>mse</c>, <c>mse+centre</c>, <c>centre+knn</c>, <c>blurred-mse</c>, <c>ssim</c>, <c>ssim+latent</c>).</param>
/// <param name="ThresholdName">The default threshold's rule, e.g. <c>mean+3σ</c>.</param>
/// <param name="Threshold">The default threshold: a sample is an anomaly when its score is above it.</param>
/// <param name="Thresholds">Every saved threshold by rule name.</param>
/// <param name="LatentSize">The code's size.</param>
/// <param name="LibraryVersion">The version of the workbook that exported it.</param>
public sealed record DetectorDescription(
    DetectorInput Input,
    IReadOnlyList<int> SampleShape,
    IReadOnlyList<string>? Columns,
    string? TimestampColumn,
    string Score,
    string ThresholdName,
    double Threshold,
    IReadOnlyDictionary<string, double> Thresholds,
    int LatentSize,
    string LibraryVersion)
{
    /// <summary>The metadata key the description is stored under.</summary>
    public const string MetadataKey = "autoencoders.detector";

    /// <summary>Values in one sample.</summary>
    public int SampleSize => SampleShape.Aggregate(1, (product, size) => checked(product * size));

    /// <summary>Reads the description from the metadata JSON.</summary>
    /// <exception cref="FormatException">The JSON is not a detector description.</exception>
    public static DetectorDescription Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var input = root.GetProperty("dataFormat").GetString() switch
            {
                "images" => DetectorInput.Images,
                "table" => DetectorInput.Table,
                "windows" => DetectorInput.Windows,
                var other => throw new FormatException($"unknown data format '{other}'"),
            };
            var threshold = root.GetProperty("threshold");
            return new DetectorDescription(
                input,
                [.. root.GetProperty("sampleShape").EnumerateArray().Select(size => size.GetInt32())],
                root.TryGetProperty("columns", out var columns) && columns.ValueKind == JsonValueKind.Array ? [.. columns.EnumerateArray().Select(column => column.GetString()!)] : null,
                root.TryGetProperty("timestampColumn", out var timestamp) && timestamp.ValueKind == JsonValueKind.String ? timestamp.GetString() : null,
                root.GetProperty("score").GetString()!,
                threshold.GetProperty("name").GetString()!,
                threshold.GetProperty("value").GetDouble(),
                root.GetProperty("thresholds").EnumerateArray().ToDictionary(rule => rule.GetProperty("name").GetString()!, rule => rule.GetProperty("value").GetDouble()),
                root.TryGetProperty("latentSize", out var latent) ? latent.GetInt32() : 0,
                root.GetProperty("libraryVersion").GetString()!);
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"the detector description is not valid: {error.Message}", error);
        }
    }
}
