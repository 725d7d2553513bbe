using System.Reflection;
using System.Text.RegularExpressions;
using Autoencoders.Tests.Support;
using Xunit.Sdk;

namespace Autoencoders.Tests.Docs;

/// <summary>
/// Every shell block of the README and docs runs as written (on the built CLI, in a scratch folder where data/ is the
/// repository's), unless a marker before it says why not; skipped blocks are reported as skipped tests, by file and line.
/// </summary>
public sealed partial class DocCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);

    public static TheoryData<string, int> Runnable()
    {
        var data = new TheoryData<string, int>();
        foreach (var block in DocumentedCommands.All().Where(block => block.Skip is null))
        {
            data.Add(block.File, block.Line);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Runnable))]
    public void A_documented_block_runs_as_the_text_says(string file, int line)
    {
        var block = DocumentedCommands.All().Single(candidate => candidate.File == file && candidate.Line == line);
        using var scratch = new TempFolder();
        Directory.CreateSymbolicLink(Path.Combine(scratch.Path, "data"), Path.Combine(RepositoryPaths.Root, "data"));
        var commands = block.Commands.Select(Localise).ToList();
        var script = string.Join('\n', ["set -e", .. commands.SkipLast(1), "set +e", commands[^1], "status=$?", "exit $status"]);

        var result = ProcessRunner.Run("bash", ["-c", script], scratch.Path, Patience,
            new Dictionary<string, string> { ["AUTOENCODERS_CLI"] = Path.Combine(AppContext.BaseDirectory, "autoencoders-cli.dll") });

        Assert.True(result.ExitCode == block.ExpectedExit,
            $"{block}\nexit {result.ExitCode}, expected {block.ExpectedExit}\n{Tail(result.Output)}\n{Tail(result.Errors)}");
        var missing = QuotedOutput.FirstMissing(block.QuotedOutput, result.Output + "\n" + result.Errors);
        Assert.True(missing is null, $"{block}\nthe text quotes '{missing}', which is not in its output (in order):\n{Tail(result.Output)}\n{Tail(result.Errors)}");
    }

    [Fact]
    public void Every_output_marker_follows_a_shell_block()
    {
        var markers = DocumentedCommands.Files().Sum(file => File.ReadLines(Path.Combine(RepositoryPaths.Root, file)).Count(line => line.Trim() == "<!-- doc-test: output -->"));
        var quoting = DocumentedCommands.All().Where(block => block.QuotedOutput.Count > 0).ToList();

        Assert.Equal(markers, quoting.Count);
        Assert.All(quoting, block => Assert.True(block.Skip is null, $"{block} quotes output but is skipped, so nothing checks the quote"));
    }

    [Theory]
    [SkippedBlocks(Skip = "the documentation marks it as not run here (the reason is in the name)")]
    public void A_documented_block_is_skipped_by_name(string file, int line, string reason)
    {
        Assert.Fail($"{file}:{line} is skipped ({reason}), so this never runs");
    }

    [Fact]
    public void Every_skip_says_why_in_a_known_word_and_the_runnable_blocks_use_the_cli()
    {
        var blocks = DocumentedCommands.All();

        Assert.Contains(blocks, block => block.Skip is null);
        Assert.All(blocks.Where(block => block.Skip is not null), block =>
            Assert.True(DocumentedCommands.SkipKinds.Any(kind => block.Skip!.StartsWith(kind, StringComparison.Ordinal)), $"{block}: unknown skip reason '{block.Skip}'"));
        Assert.All(blocks.Where(block => block.Skip is null).SelectMany(block => block.Commands), command =>
            Assert.True(CliCommand().IsMatch(command) || command.StartsWith("mkdir ", StringComparison.Ordinal), $"'{command}' is neither a CLI command nor marked"));
    }

    // The README's commands as a reader types them, on the CLI the test run built (no second build per command).
    private static string Localise(string command) => CliCommand().Replace(command, "dotnet \"$AUTOENCODERS_CLI\" ", 1);

    private static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(15));

    [GeneratedRegex("^(dotnet run --project cli -c Release (--no-build )?-- |autoencoders )")]
    private static partial Regex CliCommand();

    private sealed class SkippedBlocksAttribute : DataAttribute
    {
        public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
            DocumentedCommands.All().Where(block => block.Skip is not null).Select(block => new object[] { block.File, block.Line, block.Skip! });
    }
}
