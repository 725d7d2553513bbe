using System.Globalization;
using System.Text.Json;
using Autoencoders.Data;
using Autoencoders.Models;

namespace Autoencoders.Checkpoints;

/// <summary>
/// The types and ranges of <c>checkpoint.json</c>'s fields, checked on the JSON before anything is built from it, so an
/// edited or damaged file is refused in one line naming the field (<c>model.latentSize: must be a whole number from 1
/// to 2,147,483,647 (got 1e9)</c>) instead of failing deep inside the deserializer or libtorch. A new field is one line
/// in <see cref="Fields"/>: its dotted path, whether it must be there, and its rule. Fields not listed are not checked
/// here (the deserializer still reads them), and sizes that only matter together (a model too large for the memory, a
/// scaler for other columns) are <see cref="CheckpointChecks"/>' work.
/// </summary>
internal static class CheckpointSchema
{
    private const int MaximumListLength = 1_000;

    private static readonly string[] ModelKinds = [.. Enum.GetNames<ModelKind>().Select(name => name.ToLowerInvariant())];

    private static readonly (string Path, bool Required, Func<JsonElement, string?> Rule)[] Fields =
    [
        ("formatVersion", true, WholeNumber(1, Checkpoint.CurrentFormatVersion)),
        ("libraryVersion", false, Text),
        ("model", true, Object),
        ("model.kind", true, OneOf(ModelKinds)),
        ("model.latentSize", true, WholeNumber(1, int.MaxValue)),
        ("model.hiddenSizes", false, Nullable(ListOf(WholeNumber(1, int.MaxValue), 0))),
        ("model.channels", false, Nullable(ListOf(WholeNumber(1, int.MaxValue), 1))),
        ("model.kernelSize", false, WholeNumber(1, int.MaxValue)),
        ("model.dropout", false, Number(0, 1, upperIncluded: false)),
        ("model.beta", false, Number(0, double.MaxValue)),
        ("model.sparsityWeight", false, Number(0, double.MaxValue)),
        ("inputShape", true, ListOf(WholeNumber(1, int.MaxValue), 1, 4)),
        ("training", true, Object),
        ("training.epochs", true, WholeNumber(1, int.MaxValue)),
        ("training.batchSize", true, WholeNumber(1, int.MaxValue)),
        ("training.learningRate", true, Number(double.Epsilon, double.MaxValue)),
        ("training.seed", false, WholeNumber(long.MinValue, long.MaxValue)),
        ("history", true, Object),
        ("history.epochs", true, ListOf(Object, 0, int.MaxValue)),
        ("weightsSha256", true, Sha256),
        ("optimizerSha256", false, Nullable(Sha256)),
        ("recipe", false, Nullable(Object)),
        ("recipe.sampleShape", true, ListOf(WholeNumber(1, int.MaxValue), 1, 4)),
        ("recipe.options", true, Object),
        ("recipe.source", true, Text),
        ("recipe.format", true, Text),
        ("recipe.columns", false, Nullable(ListOf(Text, 1, int.MaxValue))),
        ("recipe.classNames", false, Nullable(ListOf(Text, 0, int.MaxValue))),
        ("recipe.scaler", false, Nullable(Object)),
        ("recipe.scaler.kind", true, Text),

        // Data are scaled as (x - offset) / scale in float32: beyond these the scaled values overflow or vanish.
        ("recipe.scaler.offsets", true, ListOf(Number(-1e30, 1e30), 1, int.MaxValue)),
        ("recipe.scaler.scales", true, ListOf(Number(1e-30, 1e30), 1, int.MaxValue)),
        ("thresholds", false, Nullable(Object)),
        ("thresholds.defaultRule", true, Text),
        ("thresholds.rules", true, ListOf(Object, 1, int.MaxValue)),

        // The fitted anomaly score (format 3): its state must be finite and sized for the model (CheckpointChecks and
        // FittedScore.Restore check the sizes against the model).
        ("score", false, Nullable(Object)),
        ("score.kind", true, OneOf([.. Evaluation.Anomaly.FittedScore.Kinds])),
        ("score.trainingScores", true, ListOf(Number(-1e300, 1e300), 0, int.MaxValue)),
        ("score.centre", false, Nullable(ListOf(Number(-1e30, 1e30), 1, int.MaxValue))),
        ("score.neighbours", false, Nullable(WholeNumber(1, 10_000))),
        ("score.referenceCodes", false, Nullable(ListOf(Number(-1e30, 1e30), 1, int.MaxValue))),
        ("score.referenceCount", false, Nullable(WholeNumber(1, Evaluation.Anomaly.FittedScore.MaxReferenceCodes))),
        ("score.distanceScale", false, Nullable(Number(double.Epsilon, double.MaxValue))),
        ("score.neighbourScale", false, Nullable(Number(double.Epsilon, double.MaxValue))),
        ("score.reconstructionSd", false, Nullable(Number(double.Epsilon, double.MaxValue))),
        ("score.latentSd", false, Nullable(Number(double.Epsilon, double.MaxValue))),
    ];

    /// <summary>Throws a one-line <see cref="DataInputException"/> naming the first field that breaks its rule.</summary>
    /// <param name="root">The parsed file.</param>
    /// <param name="path">The file, named in the message.</param>
    public static void Validate(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Refused(path, $"holds {Describe(root)} where a checkpoint's description (a JSON object) belongs");
        }

        foreach (var (field, required, rule) in Fields)
        {
            var dot = field.LastIndexOf('.');
            var parent = dot < 0 ? root : Find(root, field[..dot]);
            if (parent is not { ValueKind: JsonValueKind.Object } owner)
            {
                continue; // a missing or null parent is its own rule's business
            }

            if (!owner.TryGetProperty(field[(dot + 1)..], out var value))
            {
                if (required)
                {
                    throw Refused(path, $"{field} is missing");
                }
            }
            else if (rule(value) is { } problem)
            {
                throw Refused(path, $"{field} {problem} (got {Describe(value)})");
            }
        }
    }

    // The value at a dotted path; null when it or a parent is missing.
    private static JsonElement? Find(JsonElement root, string path)
    {
        var current = root;
        foreach (var name in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current;
    }

    private static string? Object(JsonElement value) => value.ValueKind == JsonValueKind.Object ? null : "must be a JSON object";

    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? null : "must be text";

    private static string? Sha256(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: 64 } hex && hex.All(char.IsAsciiHexDigitLower) ? null : "must be 64 lower-case hex digits";

    private static Func<JsonElement, string?> Nullable(Func<JsonElement, string?> rule) =>
        value => value.ValueKind == JsonValueKind.Null ? null : rule(value);

    private static Func<JsonElement, string?> OneOf(string[] names) =>
        value => value.ValueKind == JsonValueKind.String && names.Contains(value.GetString()) ? null : $"must be one of {string.Join(", ", names)}";

    private static Func<JsonElement, string?> WholeNumber(long minimum, long maximum) =>
        value => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= minimum && number <= maximum
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"must be a whole number from {minimum:N0} to {maximum:N0}");

    private static Func<JsonElement, string?> Number(double minimum, double maximum, bool upperIncluded = true) =>
        value => value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            && number >= minimum && (upperIncluded ? number <= maximum : number < maximum)
            ? null
            : minimum == double.Epsilon
            ? "must be a positive number"
            : minimum == -1e30
            ? "must be a number between -1e30 and 1e30"
            : string.Create(CultureInfo.InvariantCulture, $"must be a number from {minimum:G} {(upperIncluded ? "to" : "up to but not")} {maximum:G}");

    private static Func<JsonElement, string?> ListOf(Func<JsonElement, string?> item, int minimumCount, int maximumCount = MaximumListLength) =>
        value =>
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                return "must be a list";
            }

            var count = value.GetArrayLength();
            if (count < minimumCount || count > maximumCount)
            {
                return string.Create(CultureInfo.InvariantCulture, $"must hold {minimumCount:N0} to {maximumCount:N0} items, not {count:N0}");
            }

            var index = 0;
            foreach (var element in value.EnumerateArray())
            {
                if (item(element) is { } problem)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"[{index}] {problem}");
                }

                index++;
            }

            return null;
        };

    // A value as the message shows it: short, whatever the file holds.
    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => string.Create(CultureInfo.InvariantCulture, $"a list of {value.GetArrayLength():N0}"),
        JsonValueKind.String => value.GetString() is { Length: > 40 } long_ ? $"\"{long_[..40]}…\"" : $"\"{value.GetString()}\"",
        _ => value.GetRawText() is { Length: > 40 } raw ? raw[..40] + "…" : value.GetRawText(),
    };

    private static DataInputException Refused(string path, string problem) =>
        new($"{path}: {problem} (edited or damaged?): restore it from a copy, or retrain.");
}
