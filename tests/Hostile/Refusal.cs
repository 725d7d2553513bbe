namespace Autoencoders.Tests.Hostile;

/// <summary>What every refusal of hostile or absurd input must look like: exit 2, one line for people, no trace.</summary>
internal static class Refusal
{
    /// <summary>The longest error line allowed (issue 25: "at most ~300 characters").</summary>
    public const int MaximumLength = 300;

    public static void AssertOneLine((int Code, string Output, string Errors) run, params string[] paths)
    {
        Assert.True(run.Code == 2, $"exit {run.Code}: {run.Errors}{run.Output}");
        AssertReadable(run.Errors, paths);
    }

    /// <summary>
    /// One line of at most <see cref="MaximumLength"/> characters, without a stack trace or a .NET type name. The
    /// user's <paramref name="paths"/> count as one character each: their length is the user's, not the message's.
    /// </summary>
    public static void AssertReadable(string errors, params string[] paths)
    {
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var text = paths.OrderByDescending(path => path.Length).Aggregate(line, (shortened, path) => shortened.Replace(path, "…", StringComparison.Ordinal));
        Assert.True(text.Length <= MaximumLength, $"{text.Length} characters without the paths: {line}");
        Assert.DoesNotContain(" at ", line.Replace(" at most ", " ", StringComparison.Ordinal).Replace(" at least ", " ", StringComparison.Ordinal).Replace(" at byte ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotMatch(@"System\.|Exception|IObjectConstructor|Int32|Int64", line);
    }
}
