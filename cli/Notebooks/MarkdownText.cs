using System.Text;
using System.Text.RegularExpressions;

namespace Autoencoders.Cli.Notebooks;

/// <summary>One fenced code block of a Markdown text: its info string (the language, e.g. <c>csharp</c>) and its text.</summary>
internal sealed record FencedBlock(string Info, string Text);

/// <summary>The Markdown the workbook pages need: fences that text cannot break out of, fenced blocks read back, links moved.</summary>
internal static partial class MarkdownText
{
    /// <summary>
    /// <paramref name="text"/> as a fenced block whose fence is longer than any run of backticks inside it, so that no
    /// line of the text (an output of a notebook, not trusted) can close the block and be read as Markdown or HTML.
    /// </summary>
    public static string Fence(string text, string info)
    {
        ArgumentNullException.ThrowIfNull(text);
        var longestRun = BacktickRuns().Matches(text).Select(run => run.Length).DefaultIfEmpty(0).Max();
        var fence = new string('`', Math.Max(3, longestRun + 1));
        return $"{fence}{info}\n{text}\n{fence}\n";
    }

    /// <summary>
    /// The fenced blocks of <paramref name="markdown"/> in order (backtick fences, as <see cref="Fence"/> writes them): a
    /// block opens with three or more backticks and an info string, and closes with a line of at least as many backticks.
    /// </summary>
    public static IReadOnlyList<FencedBlock> FencedBlocks(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var blocks = new List<FencedBlock>();
        string? fence = null;
        var info = "";
        var lines = new List<string>();
        foreach (var line in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            if (fence is null)
            {
                var opening = FenceOpening().Match(line);
                if (opening.Success)
                {
                    fence = opening.Groups["fence"].Value;
                    info = opening.Groups["info"].Value.Trim();
                    lines.Clear();
                }
            }
            else if (line.TrimStart(' ').StartsWith(fence, StringComparison.Ordinal) && line.Trim().All(character => character == '`'))
            {
                blocks.Add(new FencedBlock(info, string.Join('\n', lines)));
                fence = null;
            }
            else
            {
                lines.Add(line);
            }
        }

        return blocks;
    }

    /// <summary>
    /// Code as compared between a page and its notebook: line endings unified, trailing spaces and surrounding blank
    /// lines dropped, so that only a real change of the code makes a page stale.
    /// </summary>
    public static string NormaliseCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var lines = code.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd());
        return string.Join('\n', lines).Trim('\n');
    }

    /// <summary>The paragraphs of a Markdown text (separated by blank lines), fenced blocks kept whole.</summary>
    public static IReadOnlyList<string> Paragraphs(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        string? fence = null;
        foreach (var line in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            if (fence is null && line.Trim().Length == 0)
            {
                Flush();
                continue;
            }

            var opening = FenceOpening().Match(line);
            if (fence is null && opening.Success)
            {
                fence = opening.Groups["fence"].Value;
            }
            else if (fence is not null && line.TrimStart(' ').StartsWith(fence, StringComparison.Ordinal) && line.Trim().All(character => character == '`'))
            {
                fence = null;
            }

            current.Append(current.Length > 0 ? "\n" : "").Append(line);
        }

        Flush();
        return paragraphs;

        void Flush()
        {
            if (current.Length > 0)
            {
                paragraphs.Add(current.ToString());
                current.Clear();
            }
        }
    }

    /// <summary>
    /// Moves the relative link targets of <paramref name="markdown"/> (inline links, images and link definitions) from
    /// <paramref name="fromFolder"/>, where the text was written, to <paramref name="toFolder"/>, where it will be read.
    /// Addresses with a scheme, absolute paths and in-page anchors are left as they are.
    /// </summary>
    public static string MoveRelativeLinks(string markdown, string fromFolder, string toFolder)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var from = Path.GetFullPath(fromFolder);
        var to = Path.GetFullPath(toFolder);
        var moved = InlineLinkTarget().Replace(markdown, link => link.Groups["open"].Value + Move(link.Groups["target"].Value) + link.Groups["rest"].Value);
        return LinkDefinition().Replace(moved, link => link.Groups["open"].Value + Move(link.Groups["target"].Value));

        string Move(string target)
        {
            if (target.Length == 0 || target.StartsWith('#') || target.StartsWith('/') || UriScheme().IsMatch(target))
            {
                return target;
            }

            var anchor = target.IndexOf('#', StringComparison.Ordinal);
            var path = anchor < 0 ? target : target[..anchor];
            var fragment = anchor < 0 ? "" : target[anchor..];
            var relative = Path.GetRelativePath(to, Path.GetFullPath(Path.Combine(from, path))).Replace('\\', '/');
            return relative + fragment;
        }
    }

    [GeneratedRegex("`+")]
    private static partial Regex BacktickRuns();

    [GeneratedRegex("^ {0,3}(?<fence>`{3,})(?<info>[^`]*)$")]
    private static partial Regex FenceOpening();

    [GeneratedRegex("(?<open>!?\\[[^\\]]*\\]\\()(?<target>[^)\\s]+)(?<rest>(\\s+\"[^\"]*\")?\\))")]
    private static partial Regex InlineLinkTarget();

    [GeneratedRegex("^(?<open> {0,3}\\[[^\\]]+\\]:[ \\t]*)(?<target>\\S+)", RegexOptions.Multiline)]
    private static partial Regex LinkDefinition();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex UriScheme();
}
