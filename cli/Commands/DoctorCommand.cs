using Autoencoders.Native;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>Loads TorchSharp and shows where its native libraries came from.</summary>
internal sealed class DoctorCommand(IAnsiConsole console) : Command<DoctorCommand.Settings>
{
    /// <summary>The doctor verb takes no options.</summary>
    public sealed class Settings : CommandSettings
    {
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var info = TorchRuntime.EnsureLoaded();
        var table = new Table().AddColumns("what", "value");
        table.AddRow("TorchSharp", Markup.Escape(info.TorchSharpVersion));
        table.AddRow("libtorch", Markup.Escape(info.LibTorchVersion));
        table.AddRow("libtorch_cpu loaded from", Markup.Escape(info.LibTorchPath ?? "(not reported on this OS)"));
        table.AddRow("libLibTorchSharp loaded from", Markup.Escape(info.WrapperPath ?? "(not reported on this OS)"));
        table.AddRow("libstdc++ compatibility", Markup.Escape(Describe(info.Compatibility)));
        console.Write(table);
        return CliApp.Success;
    }

    private static string Describe(CompatibilityResult? result) => result switch
    {
        CompatibilityResult.NothingMissing => "system libstdc++ is new enough; nothing changed",
        CompatibilityResult.AlreadyPatched => "GLIBCXX_3.4.32 need marked weak (earlier run)",
        CompatibilityResult.Patched => "GLIBCXX_3.4.32 need marked weak (now)",
        _ => "not needed on this OS",
    };
}
