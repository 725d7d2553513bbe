using System.Text.Json;
using System.Text.Json.Serialization;

namespace Autoencoders.Data.Preprocessing;

/// <summary>
/// What a fitted <see cref="FeatureScaler"/> learned, small enough to store beside a model: per column, the
/// scaled value is <c>(x - Offsets[c]) / Scales[c]</c>.
/// </summary>
/// <param name="Kind">The kind of scaling that was fitted.</param>
/// <param name="Offsets">Per-column offset (the minimum or the mean).</param>
/// <param name="Scales">Per-column divisor (the range or the standard deviation; 1 for a constant column).</param>
public sealed record ScalerState(ScalingKind Kind, IReadOnlyList<double> Offsets, IReadOnlyList<double> Scales)
{
    /// <summary>The state as JSON, e.g. <c>{"Kind":"MinMax","Offsets":[0.5],"Scales":[2]}</c>. Doubles round-trip exactly.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ScalerJsonContext.Default.ScalerState);

    /// <summary>Reads a state written by <see cref="ToJson"/>; a malformed or inconsistent one is a <see cref="FormatException"/>.</summary>
    /// <param name="json">The JSON text.</param>
    public static ScalerState FromJson(string json)
    {
        ScalerState? state;
        try
        {
            state = JsonSerializer.Deserialize(json, ScalerJsonContext.Default.ScalerState);
        }
        catch (JsonException error)
        {
            throw new FormatException($"the scaler's JSON is malformed: {error.Message}", error);
        }

        if (state?.Offsets is null || state.Scales is null)
        {
            throw new FormatException("the scaler's JSON lacks Offsets or Scales");
        }

        state.Validate();
        return state;
    }

    internal void Validate()
    {
        if (!Enum.IsDefined(Kind))
        {
            throw new FormatException($"unknown scaling kind {Kind}");
        }

        if (Offsets.Count != Scales.Count || Offsets.Count == 0)
        {
            throw new FormatException($"the scaler has {Offsets.Count} offsets and {Scales.Count} scales; expected the same non-zero number");
        }

        if (Offsets.Any(offset => !double.IsFinite(offset)) || Scales.Any(scale => !double.IsFinite(scale) || scale <= 0))
        {
            throw new FormatException("the scaler's offsets must be finite and its scales finite and positive");
        }
    }
}

/// <summary>
/// Compile-time JSON metadata: reflection-based serialization is off in trimmed and native-AOT hosts (file-based
/// apps among them), and a checkpoint must load there too.
/// </summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(ScalerState))]
internal sealed partial class ScalerJsonContext : JsonSerializerContext;
