using Autoencoders.IO;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Notebooks;

/// <summary>Writes each notebook's .ipynb from its .dib (the source), or with --check only reports which differ.</summary>
internal sealed class NotebooksSyncCommand(IAnsiConsole console) : Command<NotebooksSyncCommand.Settings>
{
    /// <summary>Options of <c>notebooks sync</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--folder <PATH>")]
        [System.ComponentModel.Description("The folder holding the .dib notebooks (default: notebooks).")]
        public string Folder { get; init; } = "notebooks";

        [CommandOption("--check")]
        [System.ComponentModel.Description("Change nothing; fail (exit code 2) when an .ipynb is missing or differs from its .dib.")]
        public bool Check { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(settings.Folder))
        {
            throw new UserInputException($"no folder '{settings.Folder}': run from the repository root or pass --folder");
        }

        var stale = new List<string>();
        foreach (var dib in Directory.GetFiles(settings.Folder, "*.dib").Order(StringComparer.Ordinal))
        {
            var ipynb = Path.ChangeExtension(dib, ".ipynb");
            string expected;
            try
            {
                expected = DibNotebook.ToIpynb(File.ReadAllText(dib));
            }
            catch (FormatException error)
            {
                throw new UserInputException($"{dib}: {error.Message}");
            }

            if (File.Exists(ipynb) && File.ReadAllText(ipynb) == expected)
            {
                console.MarkupLineInterpolated($"{ipynb} is in sync");
                continue;
            }

            stale.Add(ipynb);
            if (!settings.Check)
            {
                AtomicFile.WriteAllText(ipynb, expected);
                console.MarkupLineInterpolated($"{ipynb} written from {dib}");
            }
        }

        if (settings.Check && stale.Count > 0)
        {
            throw new UserInputException($"out of sync with their .dib: {string.Join(", ", stale)}; run 'notebooks sync' to regenerate them");
        }

        return CliApp.Success;
    }
}
