using System.Text.RegularExpressions;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Docs;

/// <summary>One fenced shell block of the documentation: where it is, its commands, and what the text says of it.</summary>
/// <param name="File">The file, relative to the repository root.</param>
/// <param name="Line">The line of the opening fence.</param>
/// <param name="Commands">The commands, continuation lines joined, comments and blank lines left out.</param>
/// <param name="Skip">Why the block is not run (the marker's reason), or null to run it.</param>
/// <param name="ExpectedExit">The exit status the text implies for the block's last command.</param>
/// <param name="QuotedOutput">The lines of the output block that follows it (see <see cref="Docs.QuotedOutput"/>), or none.</param>
public sealed record DocBlock(string File, int Line, IReadOnlyList<string> Commands, string? Skip, int ExpectedExit, IReadOnlyList<string> QuotedOutput)
{
    /// <summary>How a block is named in the test output.</summary>
    public override string ToString() => $"{File}:{Line}: {string.Join(" ; ", Commands.Select(command => command.Length > 90 ? command[..90] + "…" : command))}";
}

/// <summary>
/// Finds every shell command in the README, docs/*.md and notebooks/README.md. A block runs unless an HTML comment on
/// the line before its fence says otherwise (invisible on GitHub): <c>&lt;!-- doc-test: skip REASON --&gt;</c>, where
/// REASON starts with one of <see cref="SkipKinds"/>, or <c>&lt;!-- doc-test: exit N --&gt;</c> for a block whose
/// last command is meant to fail. Output the text quotes from a block is a fenced block right after it (blank lines
/// between allowed) whose fence is preceded by <c>&lt;!-- doc-test: output --&gt;</c>; its lines must appear in what
/// the block printed.
/// </summary>
public static partial class DocumentedCommands
{
    /// <summary>Why a block may be skipped; anything else is a mistake in the marker.</summary>
    public static readonly string[] SkipKinds = ["slow", "system", "network", "manual", "recursive", "destructive"];

    private static readonly string[] ShellLanguages = ["bash", "sh", "shell", "console"];

    private static readonly Lazy<IReadOnlyList<DocBlock>> Found = new(Find);

    /// <summary>Every shell block, in file order (the files are read once per test run).</summary>
    public static IReadOnlyList<DocBlock> All() => Found.Value;

    /// <summary>The documentation files, relative to the repository root: README.md, notebooks/README.md, docs/*.md.</summary>
    public static IReadOnlyList<string> Files() =>
    [
        .. new[] { "README.md", Path.Combine("notebooks", "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs"), "*.md").Select(path => Path.GetRelativePath(RepositoryPaths.Root, path)).Order(StringComparer.Ordinal))
            .Where(file => File.Exists(Path.Combine(RepositoryPaths.Root, file))),
    ];

    /// <summary>
    /// The fenced blocks of <paramref name="lines"/> whose opening fence and the line before it (a marker) satisfy
    /// <paramref name="isMarked"/>: the fence's 1-based line number, the marker line trimmed, and the block's body.
    /// </summary>
    internal static IEnumerable<(int Line, string Marker, string Body)> MarkedBlocks(string[] lines, Func<string, string, bool> isMarked)
    {
        for (var i = 1; i < lines.Length; i++)
        {
            if (!isMarked(lines[i - 1], lines[i]))
            {
                continue;
            }

            var end = Array.FindIndex(lines, i + 1, line => line.TrimStart().StartsWith("```", StringComparison.Ordinal));
            yield return (i + 1, lines[i - 1].Trim(), string.Join('\n', lines[(i + 1)..end]));
        }
    }

    private static IReadOnlyList<DocBlock> Find() => [.. Files().SelectMany(Blocks)];

    private static IEnumerable<DocBlock> Blocks(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, file));
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = Fence().Match(lines[i]);
            if (!fence.Success)
            {
                continue;
            }

            var end = Array.FindIndex(lines, i + 1, line => line.TrimStart().StartsWith("```", StringComparison.Ordinal));
            end = end < 0 ? lines.Length : end;
            var language = fence.Groups["language"].Value;
            if (ShellLanguages.Contains(language))
            {
                var marker = i > 0 ? Marker().Match(lines[i - 1]) : Match.Empty;
                var skip = marker.Success && marker.Groups["kind"].Value == "skip" ? marker.Groups["value"].Value.Trim() : null;
                var exit = marker.Success && marker.Groups["kind"].Value == "exit" ? int.Parse(marker.Groups["value"].Value.Trim(), System.Globalization.CultureInfo.InvariantCulture) : 0;
                var quoted = QuotedAfter(lines, end + 1, out var outputEnd);
                yield return new DocBlock(file.Replace('\\', '/'), i + 1, Commands(lines[(i + 1)..end]), skip, exit, quoted);
                end = Math.Max(end, outputEnd);
            }

            i = end;
        }
    }

    // The output block after a shell block: blank lines, the marker, a fence, its lines; none when the marker is missing.
    private static string[] QuotedAfter(string[] lines, int from, out int end)
    {
        end = -1;
        var marker = from;
        while (marker < lines.Length && lines[marker].Trim().Length == 0)
        {
            marker++;
        }

        if (marker + 1 >= lines.Length || !OutputMarker().IsMatch(lines[marker]) || !lines[marker + 1].TrimStart().StartsWith("```", StringComparison.Ordinal))
        {
            return [];
        }

        end = Array.FindIndex(lines, marker + 2, line => line.TrimStart().StartsWith("```", StringComparison.Ordinal));
        end = end < 0 ? lines.Length : end;
        return lines[(marker + 2)..end];
    }

    private static List<string> Commands(IEnumerable<string> body)
    {
        var joined = string.Join('\n', body).Replace("\\\n", " ", StringComparison.Ordinal);
        return [.. joined.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#'))];
    }

    [GeneratedRegex("^\\s*```(?<language>[a-z]*)\\s*$")]
    private static partial Regex Fence();

    [GeneratedRegex("^\\s*<!--\\s*doc-test:\\s*output\\s*-->\\s*$")]
    private static partial Regex OutputMarker();

    [GeneratedRegex("^\\s*<!--\\s*doc-test:\\s*(?<kind>skip|exit)\\s+(?<value>.*?)\\s*-->\\s*$")]
    private static partial Regex Marker();
}
