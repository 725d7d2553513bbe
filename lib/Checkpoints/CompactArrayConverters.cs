using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Autoencoders.Checkpoints;

/// <summary>
/// Writes a long list of numbers on one line (an indented file would give each its own line: 10,000 reference codes
/// would be 320,000 lines), with the shortest text that reads back to the same value; reads any JSON array of numbers.
/// </summary>
public sealed class CompactDoubleListConverter : JsonConverter<IReadOnlyList<double>>
{
    /// <inheritdoc/>
    public override IReadOnlyList<double> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<double[]>(ref reader, options) ?? throw new JsonException("expected an array of numbers");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<double> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteRawValue(CompactArray.Of(value.Select(number => double.IsFinite(number) ? number.ToString("R", CultureInfo.InvariantCulture) : Named(number))));
    }

    private static string Named(double number) => double.IsNaN(number) ? "\"NaN\"" : number > 0 ? "\"Infinity\"" : "\"-Infinity\"";
}

/// <summary>The float32 twin of <see cref="CompactDoubleListConverter"/>.</summary>
public sealed class CompactFloatListConverter : JsonConverter<IReadOnlyList<float>>
{
    /// <inheritdoc/>
    public override IReadOnlyList<float> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<float[]>(ref reader, options) ?? throw new JsonException("expected an array of numbers");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<float> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteRawValue(CompactArray.Of(value.Select(number => float.IsFinite(number) ? number.ToString("R", CultureInfo.InvariantCulture) : "\"NaN\"")));
    }
}

internal static class CompactArray
{
    public static string Of(IEnumerable<string> items) => new StringBuilder().Append('[').AppendJoin(',', items).Append(']').ToString();
}
