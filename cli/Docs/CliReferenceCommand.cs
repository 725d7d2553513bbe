using System.Text;
using Autoencoders.IO;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Docs;

/// <summary>
/// Writes docs/cli.md from the CLI's own help (every verb's options, defaults and examples), or with --check only
/// reports whether it is stale: the reference cannot drift from the program, as the .ipynb files cannot from their .dib.
/// </summary>
internal sealed class CliReferenceCommand(IAnsiConsole console) : Command<CliReferenceCommand.Settings>
{
    /// <summary>The commands documented, in the order of the page; a test checks that every verb of the CLI is here.</summary>
    public static readonly string[] Commands =
        ["run", "data", "train", "evaluate", "encode", "reconstruct", "score", "export", "anomaly-benchmark", "nab run", "nab score", "bench", "doctor", "notebooks sync", "notebooks render", "docs cli"];

    /// <summary>Options of <c>docs cli</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--out <FILE>")]
        [System.ComponentModel.Description("The reference page to write (default: docs/cli.md).")]
        public string Out { get; init; } = Path.Combine("docs", "cli.md");

        [CommandOption("--check")]
        [System.ComponentModel.Description("Change nothing; fail (exit code 2) when the page is missing or differs from the CLI's help.")]
        public bool Check { get; init; }
    }

    /// <summary>The page, from the help of <see cref="Commands"/>.</summary>
    public static string Generate()
    {
        var page = new StringBuilder()
            .Append("# Command-line reference\n\n")
            .Append("Generated from the CLI's own help by `dotnet run --project cli -c Release -- docs cli`; a test fails when it is\n")
            .Append("stale. Edit the options' descriptions in `cli/`, not this file. Every command is\n")
            .Append("`dotnet run --project cli -c Release -- COMMAND …` from a clone, or `autoencoders COMMAND …` where the tool is installed.\n\n")
            .Append("## autoencoders\n\n```text\n").Append(Help([])).Append("```\n");
        foreach (var command in Commands)
        {
            page.Append("\n## ").Append(command).Append("\n\n```text\n").Append(Help(command.Split(' '))).Append("```\n");
        }

        return page.ToString();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var expected = Generate();
        if (File.Exists(settings.Out) && File.ReadAllText(settings.Out) == expected)
        {
            console.WriteLine($"{settings.Out} is up to date");
            return CliApp.Success;
        }

        if (settings.Check)
        {
            throw new UserInputException($"{settings.Out} differs from the CLI's help; run 'docs cli' to regenerate it");
        }

        AtomicFile.WriteAllText(settings.Out, expected);
        console.WriteLine($"{settings.Out} written from the CLI's help");
        return CliApp.Success;
    }

    // The help as a terminal of fixed width and no colours shows it, trailing spaces trimmed, so the page is the same
    // on every machine.
    private static string Help(string[] command)
    {
        using var output = new StringWriter();
        var helpConsole = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        helpConsole.Profile.Width = 120;
        using var errors = new StringWriter();
        if (CliApp.Run([.. command, "--help"], helpConsole, errors) != CliApp.Success)
        {
            // A description Spectre cannot render (markup in brackets) breaks that verb's --help: fail here, not in a user's terminal.
            throw new InvalidOperationException($"'{string.Join(' ', command)} --help' failed: {errors.ToString().Split('\n')[0]}");
        }

        var lines = output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(line => line.TrimEnd());
        return string.Join('\n', lines).Trim('\n') + "\n";
    }
}
