namespace Autoencoders.Tests.Docs;

/// <summary>
/// Checks the output a documentation block quotes against what the command printed. Each non-empty quoted line must
/// appear in a line of the output, in the quoted order; a line that is only <c>…</c> elides any number of output
/// lines, and a <c>…</c> inside a line stands for any text there (for what changes between runs: times, paths).
/// </summary>
public static class QuotedOutput
{
    /// <summary>The elision mark: a whole line of it skips output lines, inside a line it skips text.</summary>
    public const string Elision = "…";

    /// <summary>The first quoted line that is not found in order, or null when every one is.</summary>
    public static string? FirstMissing(IReadOnlyList<string> quoted, string output)
    {
        var lines = output.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var next = 0;
        foreach (var line in quoted.Select(line => line.Trim()).Where(line => line.Length > 0 && line != Elision))
        {
            var fragments = line.Split(Elision, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var found = Array.FindIndex(lines, next, candidate => HasInOrder(candidate, fragments));
            if (found < 0)
            {
                return line;
            }

            next = found + 1;
        }

        return null;
    }

    private static bool HasInOrder(string line, string[] fragments)
    {
        var position = 0;
        foreach (var fragment in fragments)
        {
            var at = line.IndexOf(fragment, position, StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            position = at + fragment.Length;
        }

        return true;
    }
}
