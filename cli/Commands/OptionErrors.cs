using Autoencoders.Data;
using Spectre.Console;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// Turns the library's own option checks (the records' <c>Validate</c> methods, the one place the rules live) into the
/// CLI's one-line errors, naming the command-line option instead of the property.
/// </summary>
internal static class OptionErrors
{
    private static readonly Dictionary<string, string> OptionOf = new(StringComparer.Ordinal)
    {
        ["Epochs"] = "--epochs",
        ["BatchSize"] = "--batch-size",
        ["LearningRate"] = "--lr",
        ["NoiseFactor"] = "--noise",
        ["GradientClipNorm"] = "--clip-norm",
        ["EarlyStopping"] = "--patience",
        ["Device"] = "--device",
        ["LatentSize"] = "--latent",
        ["HiddenSizes"] = "--hidden",
        ["Beta"] = "--beta / --sparsity",
        ["ValidationFraction"] = "--validation",
        ["Splits"] = "--splits",
        ["TrainFraction"] = "--train-fraction",
        ["KernelSize"] = "--kernel-size",
        ["Dropout"] = "--dropout",
        ["Seeds"] = "--seeds",
        ["Classes"] = "--classes",
    };

    /// <summary>Runs each check in turn; the first failure becomes the error, with its option's name in front.</summary>
    public static ValidationResult Check(params Action[] checks)
    {
        foreach (var check in checks)
        {
            try
            {
                check();
            }
            catch (ArgumentException error)
            {
                var message = error.Message.Split(" (Parameter", 2)[0];
                if (error.ParamName is { } name && OptionOf.TryGetValue(name, out var option) && message.StartsWith(name, StringComparison.Ordinal))
                {
                    message = option + message[name.Length..];
                }

                return ValidationResult.Error(message);
            }
            catch (DataInputException error)
            {
                return ValidationResult.Error(error.Message);
            }
        }

        return ValidationResult.Success();
    }
}
