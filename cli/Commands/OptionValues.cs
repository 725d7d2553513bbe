using System.ComponentModel;
using System.Globalization;
using System.Numerics;
using System.Reflection;
using System.Text.RegularExpressions;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// Checks every verb's option values the same way, whatever the option: a text option given as "" is refused (no path,
/// name or list is empty), and a value that is not of the option's type is named with its option and the kind of value
/// it takes. The option's type is read from the settings classes, so a new option is covered without a list to keep.
/// </summary>
internal sealed partial class OptionValues : ICommandInterceptor
{
    /// <summary>Refuses a text option set to an empty or blank value, before the verb's own checks.</summary>
    public void Intercept(CommandContext context, CommandSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var property in settings.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.PropertyType == typeof(string) && property.GetCustomAttribute<CommandOptionAttribute>() is { } option
                && property.GetValue(settings) is string value && string.IsNullOrWhiteSpace(value))
            {
                var fallback = property.GetCustomAttribute<DefaultValueAttribute>()?.Value is string text ? $" to use its default, {text}" : "";
                throw new UserInputException($"--{option.LongNames[0]} is empty; give it a value, or leave the option out{fallback}.");
            }
        }
    }

    /// <summary>
    /// Spectre.Console.Cli says "Failed to convert 'x' to Nullable`1" without naming the option: the option that was
    /// given <c>x</c> (as <c>--option x</c> or <c>--option=x</c>), and the kind of value it takes; null for other messages.
    /// </summary>
    public static string? ConversionMessage(IReadOnlyList<string> args, string message)
    {
        ArgumentNullException.ThrowIfNull(args);
        var match = ConversionFailure().Match(message ?? "");
        if (!match.Success)
        {
            return null;
        }

        var value = match.Groups["value"].Value;
        var candidates = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith('-') && args[i].Split('=', 2) is [var name, var given] && given == value)
            {
                candidates.Add(name);
            }
            else if (i > 0 && args[i] == value && args[i - 1].StartsWith('-') && !args[i - 1].Contains('='))
            {
                candidates.Add(args[i - 1]);
            }
        }

        // The same text may follow a text option too (--out x --threads x): the option that takes numbers failed.
        var option = candidates.FirstOrDefault(name => TypeOf(name) is not null) ?? candidates.FirstOrDefault();
        var type = option is null ? null : TypeOf(option);
        var kind = type == typeof(double) || type == typeof(float) ? "a number, e.g. 0.5"
            : type == typeof(bool) ? "no value (give the flag alone to turn it on)"
            : type is not null && BigInteger.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) ? WholeRange(type, whole)
            : "a whole number";
        return $"{option ?? "an option"} takes {kind}, not '{value}'.";
    }

    // A whole value beyond the option's type: "a whole number no larger than 2147483647".
    private static string WholeRange(Type type, BigInteger value)
    {
        var (min, max) = type == typeof(int) ? (int.MinValue, int.MaxValue) : type == typeof(long) ? (long.MinValue, long.MaxValue) : (0L, 0L);
        return min == max ? "a whole number"
            : value > max ? $"a whole number no larger than {max}"
            : value < min ? $"a whole number no smaller than {min}"
            : "a whole number";
    }

    // The numeric type (nullable unwrapped) of the option named so in any verb's settings, or null for a text option.
    private static Type? TypeOf(string option)
    {
        var name = option.TrimStart('-');
        foreach (var settings in typeof(OptionValues).Assembly.GetTypes().Where(type => type.IsSubclassOf(typeof(CommandSettings))))
        {
            foreach (var property in settings.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetCustomAttribute<CommandOptionAttribute>() is { } attribute
                    && (attribute.LongNames.Contains(name) || attribute.ShortNames.Contains(name)))
                {
                    var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                    return type.IsPrimitive ? type : null;
                }
            }
        }

        return null;
    }

    [GeneratedRegex("^Failed to convert '(?<value>.*)' to (?<type>[^.]+)\\.?$")]
    private static partial Regex ConversionFailure();
}
