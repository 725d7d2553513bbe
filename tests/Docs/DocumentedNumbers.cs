using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Docs;

/// <summary>One marked passage of the documentation: its lines (1-based, inclusive) and its marker.</summary>
/// <param name="File">The file, relative to the repository root.</param>
/// <param name="Marker">The marker's line.</param>
/// <param name="Kind">numbers, measured or not-results.</param>
/// <param name="Arguments">For numbers: the results file, then the keys in the order the passage quotes them.</param>
/// <param name="First">The passage's first line.</param>
/// <param name="Last">The passage's last line.</param>
/// <param name="Text">The passage.</param>
public sealed record MarkedPassage(string File, int Marker, string Kind, IReadOnlyList<string> Arguments, int First, int Last, string Text)
{
    public override string ToString() => $"{File}:{Marker} ({Kind})";
}

/// <summary>
/// The numbers the README and docs quote as results, and where they come from. A passage (the lines after the marker
/// up to a blank line, or with <c>section</c> up to the next heading of the same or a higher level) is marked by an
/// HTML comment before it (several may stack; a marker may span lines):
/// <c>&lt;!-- doc-test: numbers docs/results/FILE.json KEY KEY … --&gt;</c> — each key's value in the results file (which
/// a command regenerates) appears in the passage, in the keys' order, rounded as printed;
/// <c>&lt;!-- doc-test: measured [section] --&gt;</c> — one machine's measurement, which says its date and CPU;
/// <c>&lt;!-- doc-test: not-results [section] REASON --&gt;</c> — numbers that are no result of this project (published
/// figures, settings, formulas).
/// </summary>
public static partial class DocumentedNumbers
{
    /// <summary>The files whose numbers are checked: the README and docs/*.md but the generated CLI reference.</summary>
    public static IReadOnlyList<string> Files() =>
        [.. DocumentedCommands.Files().Where(file => file.Replace('\\', '/') is not "docs/cli.md" and not "notebooks/README.md")];

    /// <summary>Every marked passage of <paramref name="file"/>.</summary>
    public static IReadOnlyList<MarkedPassage> Passages(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, file));
        var code = CodeLines(lines);
        var passages = new List<MarkedPassage>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (code[i] || !lines[i].TrimStart().StartsWith("<!-- doc-test:", StringComparison.Ordinal))
            {
                continue;
            }

            var end = i;
            while (end < lines.Length && !lines[end].Contains("-->", StringComparison.Ordinal))
            {
                end++;
            }

            var words = string.Join(' ', lines[i..(end + 1)]).Replace("<!-- doc-test:", "", StringComparison.Ordinal).Replace("-->", "", StringComparison.Ordinal)
                .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words.Length > 0 && words[0] is "numbers" or "measured" or "not-results")
            {
                var section = words.Length > 1 && words[1] == "section";
                var first = end + 1;
                while (first < lines.Length && (lines[first].Trim().Length == 0 || lines[first].TrimStart().StartsWith("<!--", StringComparison.Ordinal) || (first > end + 1 && InComment(lines, first))))
                {
                    first++;
                }

                var last = section ? SectionEnd(lines, code, i) : PassageEnd(lines, first);
                passages.Add(new MarkedPassage(file.Replace('\\', '/'), i + 1, words[0], words[(section ? 2 : 1)..], first + 1, last + 1, string.Join('\n', lines[first..(last + 1)])));
            }

            i = end;
        }

        return passages;
    }

    /// <summary>The lines (1-based) outside code and comments that hold a number looking like a result and no marker covers.</summary>
    public static IEnumerable<(int Line, string Text)> Unmarked(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, file));
        var code = CodeLines(lines);
        var covered = Passages(file).SelectMany(passage => Enumerable.Range(passage.First, passage.Last - passage.First + 1)).ToHashSet();
        for (var i = 0; i < lines.Length; i++)
        {
            var text = InlineCode().Replace(lines[i], "");
            if (!code[i] && !covered.Contains(i + 1) && !text.TrimStart().StartsWith("<!--", StringComparison.Ordinal) && !text.TrimStart().StartsWith("![", StringComparison.Ordinal) && ResultLike().IsMatch(text))
            {
                yield return (i + 1, lines[i]);
            }
        }
    }

    /// <summary>Why <paramref name="passage"/>'s numbers do not match its results file, or null when they do.</summary>
    public static string? Mismatch(MarkedPassage passage)
    {
        if (passage.Arguments.Count < 2)
        {
            return $"{passage}: a numbers marker names a results file and at least one key";
        }

        var path = Path.Combine(RepositoryPaths.Root, passage.Arguments[0]);
        if (!File.Exists(path))
        {
            return $"{passage}: no results file {passage.Arguments[0]}";
        }

        using var results = JsonDocument.Parse(File.ReadAllText(path));
        var values = results.RootElement.GetProperty("values");
        var tokens = Numbers().Matches(passage.Text).Select(match => match.Value).ToList();
        var next = 0;
        foreach (var key in passage.Arguments.Skip(1))
        {
            if (!values.TryGetProperty(key, out var element))
            {
                return $"{passage}: {passage.Arguments[0]} has no value '{key}'";
            }

            var value = element.GetDouble();
            var found = tokens.FindIndex(next, token => Prints(token, value));
            if (found < 0)
            {
                return $"{passage}: {key} = {value.ToString("R", CultureInfo.InvariantCulture)} ({passage.Arguments[0]}) is not quoted in lines {passage.First}–{passage.Last} after the previous key's number; the numbers there: {string.Join(' ', tokens.Skip(next).Take(20))}";
            }

            next = found + 1;
        }

        return null;
    }

    /// <summary>Whether <paramref name="token"/> is <paramref name="value"/> rounded to the token's decimals.</summary>
    public static bool Prints(string token, double value)
    {
        var plain = token.Replace(",", "", StringComparison.Ordinal).Replace('−', '-');
        var point = plain.IndexOf('.', StringComparison.Ordinal);
        var decimals = point < 0 ? 0 : plain.Length - point - 1;
        var printed = double.Parse(plain, CultureInfo.InvariantCulture);
        return Math.Abs(printed - value) <= (0.5 * Math.Pow(10, -decimals) * (1 + 1e-9)) + 1e-12;
    }

    /// <summary>Whether a measured passage says when and on which CPU: a date and a CPU maker's name.</summary>
    public static bool SaysDateAndCpu(string text) => MeasurementDate().IsMatch(text) && CpuName().IsMatch(text);

    private static bool[] CodeLines(string[] lines)
    {
        var code = new bool[lines.Length];
        var inside = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal);
            code[i] = inside || fence;
            inside ^= fence;
        }

        return code;
    }

    private static bool InComment(string[] lines, int line) =>
        Enumerable.Range(0, line).Reverse().Select(i => lines[i]).TakeWhile(text => !text.Contains("-->", StringComparison.Ordinal)).Any(text => text.Contains("<!--", StringComparison.Ordinal));

    private static int PassageEnd(string[] lines, int first)
    {
        var last = first;
        while (last + 1 < lines.Length && lines[last + 1].Trim().Length > 0)
        {
            last++;
        }

        return last;
    }

    // Up to the next heading of the same or a higher level than the heading above the marker.
    private static int SectionEnd(string[] lines, bool[] code, int marker)
    {
        var above = Array.FindLastIndex(lines, marker, line => Heading().IsMatch(line));
        var level = above < 0 ? 1 : Heading().Match(lines[above]).Groups["hashes"].Length;
        var next = Enumerable.Range(marker + 1, lines.Length - marker - 1)
            .FirstOrDefault(i => !code[i] && Heading().Match(lines[i]) is { Success: true } heading && heading.Groups["hashes"].Length <= level, lines.Length);
        return next - 1;
    }

    [GeneratedRegex("^(?<hashes>#{1,6}) ")]
    private static partial Regex Heading();

    [GeneratedRegex("`[^`]*`")]
    private static partial Regex InlineCode();

    // A result rather than a setting: three or more decimals (0.00925, 0.9486; not a version such as 0.107.0), a
    // percentage with decimals, or a time or rate that a run measured (19 s, 4.5 ms, 189 GFLOP/s, 247,000 samples/s).
    [GeneratedRegex("(?<![\\w.])\\d+\\.\\d{3,}(?!\\.?\\d)(?!\\w)|\\d\\.\\d+ ?%|(?<![\\w.])\\d+(\\.\\d+)?([–-]\\d+(\\.\\d+)?)? (ms|s|min|GFLOP/s|samples/s)(?![\\w/])(?!\\.\\w)")]
    private static partial Regex ResultLike();

    [GeneratedRegex("(?<![\\w.])[-−]?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?(?![\\w])")]
    private static partial Regex Numbers();

    [GeneratedRegex("\\b20\\d\\d-[01]\\d-[0-3]\\d\\b")]
    private static partial Regex MeasurementDate();

    [GeneratedRegex("\\b(AMD|Intel|Apple M\\d|Ampere|Graviton)\\b")]
    private static partial Regex CpuName();
}
