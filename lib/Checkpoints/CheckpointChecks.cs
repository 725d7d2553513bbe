using Autoencoders.Data;

namespace Autoencoders.Checkpoints;

/// <summary>
/// The checks a <c>checkpoint.json</c> passes after it is read and before anything is built from it: the options the
/// library would refuse from a caller (a latent size of 0, a negative learning rate) are refused from a file too, in one
/// line naming the file and the field, instead of failing later inside the model factory.
/// </summary>
internal static class CheckpointChecks
{
    /// <summary>Returns <paramref name="metadata"/> when its options are valid; otherwise throws a one-line <see cref="DataInputException"/>.</summary>
    /// <param name="metadata">What was read.</param>
    /// <param name="path">The file it was read from, named in the message.</param>
    public static CheckpointMetadata Validated(CheckpointMetadata metadata, string path)
    {
        Check(path, "model", metadata.Model.Validate);
        Check(path, "training", metadata.Training.Validate);
        if (metadata.Selection is { } selection)
        {
            Check(path, "selection", selection.Validate);
        }

        if (metadata.InputShape.Count == 0 || metadata.InputShape.Any(size => size < 1))
        {
            throw Refused(path, $"inputShape [{string.Join(", ", metadata.InputShape)}] must list one or more sizes of at least 1");
        }

        if (metadata.Recipe?.Scaler is { } scaler && metadata.Recipe.Format is DataFormat.Table or DataFormat.Windows
            && (scaler.Offsets.Count != metadata.InputShape[^1] || scaler.Scales.Count != metadata.InputShape[^1]))
        {
            throw Refused(path, $"recipe.scaler has {scaler.Offsets.Count} offsets and {scaler.Scales.Count} scales for {metadata.InputShape[^1]} columns");
        }

        if (metadata.Thresholds is { } thresholds && !thresholds.Rules.Any(rule => rule.Rule == thresholds.DefaultRule))
        {
            throw Refused(path, $"thresholds.defaultRule {thresholds.DefaultRule} is not among thresholds.rules");
        }

        if (Models.ModelSize.Problem(metadata.Model, metadata.InputShape) is { } tooLarge)
        {
            throw Refused(path, tooLarge);
        }

        return metadata;
    }

    private static void Check(string path, string section, Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentException error)
        {
            var message = error.Message.Split(" (Parameter", 2)[0].TrimEnd('.');
            if (error.ParamName is { Length: > 0 } name && message.StartsWith(name, StringComparison.Ordinal))
            {
                message = message[name.Length..];
            }

            var field = error.ParamName is { Length: > 0 } property ? $"{section}.{char.ToLowerInvariant(property[0])}{property[1..]}" : section;
            throw Refused(path, $"{field}{(message.StartsWith(' ') ? "" : ": ")}{message}", error);
        }
    }

    private static DataInputException Refused(string path, string problem, Exception? cause = null)
    {
        var message = $"{path}: {problem} (edited or damaged?): restore it from a copy, or retrain.";
        return cause is null ? new(message) : new(message, cause);
    }
}
