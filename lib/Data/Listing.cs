using System.Globalization;

namespace Autoencoders.Data;

/// <summary>
/// Lists and values in messages, kept short whatever the input holds: a CSV header of 10,000 columns made a one-line
/// error of 89,361 characters. A list shows its first names and how many more there are; a long name or message is
/// cut in the middle, keeping its start (what) and its end (how to fix it).
/// </summary>
public static class Listing
{
    /// <summary>Names shown before the rest are counted.</summary>
    public const int ShownNames = 8;

    /// <summary>Characters of one name shown.</summary>
    public const int NameLength = 40;

    /// <summary><c>'a', 'b', … and 9,992 more</c>: the first <see cref="ShownNames"/> names, quoted and clipped, and a count of the rest.</summary>
    public static string Names(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var all = names as IReadOnlyCollection<string> ?? [.. names];
        var shown = string.Join(", ", all.Take(ShownNames).Select(name => $"'{Clip(name, NameLength)}'"));
        return all.Count > ShownNames ? string.Create(CultureInfo.InvariantCulture, $"{shown}, … and {all.Count - ShownNames:N0} more") : shown;
    }

    /// <summary><paramref name="text"/> when it has at most <paramref name="length"/> characters, else its start and end around an ellipsis.</summary>
    public static string Clip(string text, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= length)
        {
            return text;
        }

        // A long text says how much it lost; a short one has no room to.
        var marker = length >= 100 ? string.Create(CultureInfo.InvariantCulture, $" …({text.Length - length:N0} characters left out)… ") : "…";
        var keep = Math.Max(2, length - marker.Length);
        var head = (keep * 2) / 3;
        return text[..head] + marker + text[^(keep - head)..];
    }
}
