using System.Diagnostics;
using System.Runtime.InteropServices;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Packaging;

/// <summary>
/// The library package and the tool package for this machine's platform, packed once for all packaging tests into a
/// temporary folder, as <c>dotnet pack -c Release -o artifacts</c> makes them (the tool for one platform only: packing
/// libtorch for all three would take minutes).
/// </summary>
public sealed class PackedArtifacts : IDisposable
{
    public const string LibraryId = "AutoencoderWorkbook";
    public const string ToolId = "AutoencoderWorkbook.Tool";

    /// <summary>Directory.Build.props' &lt;Version&gt;, which both packages and checkpoint.json must carry.</summary>
    public const string Version = "0.5.0";

    private readonly TempFolder _root = new();

    public PackedArtifacts()
    {
        Packages = Directory.CreateDirectory(Path.Combine(_root.Path, "packages")).FullName;
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        // The library as built for the tests (--no-build); the tool is published for this platform by pack itself.
        // --no-restore keeps the repository's restore state (all three platforms) as the build left it.
        Dotnet(RepositoryPaths.Root, "pack", "lib", "-c", "Release", "--no-build", "--no-restore", "-o", Packages);
        Dotnet(RepositoryPaths.Root, "pack", "cli", "-c", "Release", "--no-restore", "-o", Packages,
            $"-p:ToolPackageRuntimeIdentifiers={Platform}");
        PackTime = clock.Elapsed;
    }

    /// <summary>The folder holding the packed .nupkg and .snupkg files.</summary>
    public string Packages { get; }

    public TimeSpan PackTime { get; }

    /// <summary>This machine's platform as a portable RID (linux-x64, …).</summary>
    public static string Platform =>
        $"linux-{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}";

    /// <summary>
    /// A nuget.config whose only source is the packed folder; <paramref name="packagesFolder"/> receives what restore
    /// extracts, and the machine's NuGet cache is read (never written) for everything else, so nothing is downloaded
    /// and a repacked package of the same version is never taken from a stale cache.
    /// </summary>
    public string WriteNuGetConfig(string folder, string packagesFolder)
    {
        var path = Path.Combine(folder, "nuget.config");
        File.WriteAllText(path, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{packagesFolder}" />
              </config>
              <packageSources>
                <clear />
                <add key="packed" value="{Packages}" />
              </packageSources>
              <fallbackPackageFolders>
                <clear />
                <add key="cache" value="{RepositoryPaths.NuGetPackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        return path;
    }

    /// <summary>Runs <c>dotnet</c> and fails with its output when it fails.</summary>
    internal static ProcessResult Dotnet(string folder, params string[] arguments) =>
        Run("dotnet", folder, arguments);

    internal static ProcessResult Run(string program, string folder, params string[] arguments)
    {
        var result = ProcessRunner.Run(program, arguments, folder, TimeSpan.FromMinutes(5),
            new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" });
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} exited with {result.ExitCode}:\n{result.Output}\n{result.Errors}");
        }

        return result;
    }

    public void Dispose() => _root.Dispose();
}

[CollectionDefinition(Name)]
public sealed class PackedArtifactsGroup : ICollectionFixture<PackedArtifacts>
{
    public const string Name = "packed artifacts";
}
