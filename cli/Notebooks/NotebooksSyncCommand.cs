using Autoencoders.IO;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Notebooks;

/// <summary>
/// Writes each notebook's .ipynb and its file-based app (apps/NAME.cs) from its .dib (the source), or with --check only
/// reports which differ.
/// </summary>
internal sealed class NotebooksSyncCommand(IAnsiConsole console) : Command<NotebooksSyncCommand.Settings>
{
    /// <summary>Options of <c>notebooks sync</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--folder <PATH>")]
        [System.ComponentModel.Description("The folder holding the .dib notebooks (default: notebooks).")]
        public string Folder { get; init; } = "notebooks";

        [CommandOption("--check")]
        [System.ComponentModel.Description("Change nothing; fail (exit code 2) when an .ipynb or an app (apps/NAME.cs) is missing or differs from its .dib.")]
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
            string ipynb, app;
            try
            {
                var text = File.ReadAllText(dib);
                ipynb = DibNotebook.ToIpynb(text);
                app = NotebookApp.FromDib(text, Path.GetFileNameWithoutExtension(dib), TorchSharpVersion);
            }
            catch (FormatException error)
            {
                throw new UserInputException($"{dib}: {error.Message}");
            }

            Sync(dib, Path.ChangeExtension(dib, ".ipynb"), ipynb, settings.Check, stale);
            Sync(dib, NotebookApp.AppPath(dib), app, settings.Check, stale);
        }

        if (settings.Check && stale.Count > 0)
        {
            throw new UserInputException($"out of sync with their .dib: {string.Join(", ", stale)}; run 'notebooks sync' to regenerate them");
        }

        return CliApp.Success;
    }

    /// <summary>
    /// The TorchSharp-cpu version the apps reference: the TorchSharp this program was built with, whose version
    /// Directory.Packages.props sets (a test checks that the two agree).
    /// </summary>
    internal static string TorchSharpVersion => typeof(TorchSharp.torch).Assembly.GetName().Version!.ToString(3);

    private void Sync(string dib, string path, string expected, bool check, List<string> stale)
    {
        if (File.Exists(path) && File.ReadAllText(path) == expected)
        {
            console.MarkupLineInterpolated($"{path} is in sync");
            return;
        }

        stale.Add(path);
        if (!check)
        {
            AtomicFile.WriteAllText(path, expected);
            console.MarkupLineInterpolated($"{path} written from {dib}");
        }
    }
}
