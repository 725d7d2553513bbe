using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Packaging;

/// <summary>The packed tool installs from a folder source, with nothing downloaded, and runs from any folder.</summary>
[Collection(PackedArtifactsGroup.Name)]
public sealed class ToolInstallTests(PackedArtifacts packed)
{
    [LinuxFact("the tool is packed for this machine's Linux platform")]
    public void The_installed_tool_prints_its_versions_and_runs_the_main_job_into_the_current_folder()
    {
        using var home = new TempFolder();
        var tools = Directory.CreateDirectory(home.File("tools")).FullName;
        var work = Directory.CreateDirectory(home.File("work")).FullName;
        var config = packed.WriteNuGetConfig(home.Path, home.File("nuget-packages"));

        PackedArtifacts.Dotnet(home.Path, "tool", "install", "--tool-path", tools, "--configfile", config,
            PackedArtifacts.ToolId, "--version", PackedArtifacts.Version);
        var autoencoders = Path.Combine(tools, "autoencoders");

        var version = PackedArtifacts.Run(autoencoders, work, "--version");
        Assert.Equal([$"autoencoders {PackedArtifacts.Version}", "TorchSharp 0.107.0", "libtorch 2.10.0.0"],
            version.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        PackedArtifacts.Run(autoencoders, work, "run", "--epochs", "1", "--threads", "1");
        foreach (var written in new[] { "out/report.html", "out/metrics.json", "out/checkpoint/checkpoint.json" })
        {
            Assert.True(File.Exists(Path.Combine(work, written)), $"expected {written} under the current folder {work}");
        }
    }
}
