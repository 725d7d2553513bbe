using System.Reflection;
using System.Runtime.InteropServices;

namespace Autoencoders.Native;

/// <summary>
/// Finds the folders that hold TorchSharp's native wrapper and libtorch for the current process: the app's
/// own output (listed by the .NET host), the folder of TorchSharp.dll, or the NuGet packages folder, which is
/// where notebook kernels load packages from.
/// </summary>
internal static class NativeLocations
{
    public const string WrapperFileName = "libLibTorchSharp.so";
    public const string LibTorchFileName = "libtorch_cpu.so";
    public const string LibTorchPackage = "libtorch-cpu-linux-x64";

    /// <summary>The first folder that contains <paramref name="fileName"/>, or null.</summary>
    public static string? FolderContaining(string fileName, string torchSharpAssemblyPath, string libTorchVersion) =>
        CandidateFolders(torchSharpAssemblyPath, libTorchVersion)
            .FirstOrDefault(folder => File.Exists(Path.Combine(folder, fileName)));

    /// <summary>Folders to search, most specific first.</summary>
    public static IEnumerable<string> CandidateFolders(string torchSharpAssemblyPath, string libTorchVersion)
    {
        foreach (var folder in AppFolders(torchSharpAssemblyPath, HostFolders()))
        {
            yield return folder;
        }

        var torchSharpFolder = Path.GetDirectoryName(torchSharpAssemblyPath) ?? ".";
        var rid = RuntimeIdentifier;
        var torchSharpVersion = TorchSharpVersion(torchSharpAssemblyPath);
        foreach (var packages in PackageFolders(torchSharpFolder))
        {
            yield return Path.Combine(packages, "torchsharp", torchSharpVersion, "runtimes", rid, "native");
            yield return Path.Combine(packages, LibTorchPackage, libTorchVersion, "runtimes", rid, "native");
        }
    }

    /// <summary>The native folders the .NET host lists for this app (empty in a host that lists none).</summary>
    public static IReadOnlyList<string> HostFolders() =>
        AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string hostFolders
            ? hostFolders.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            : [];

    /// <summary>The app's own native folders: the host's, then TorchSharp.dll's folder and its <c>runtimes/RID/native</c>.</summary>
    public static IEnumerable<string> AppFolders(string torchSharpAssemblyPath, IEnumerable<string> hostFolders)
    {
        foreach (var folder in hostFolders)
        {
            yield return folder;
        }

        var torchSharpFolder = Path.GetDirectoryName(torchSharpAssemblyPath) ?? ".";
        yield return torchSharpFolder;
        yield return Path.Combine(torchSharpFolder, "runtimes", RuntimeIdentifier, "native");
    }

    /// <summary>
    /// Whether TorchSharp.dll was loaded straight from a NuGet packages folder, as a notebook kernel's
    /// <c>#r "nuget: …"</c> does; an app runs its own copy instead.
    /// </summary>
    public static bool IsInPackagesFolder(string torchSharpAssemblyPath)
    {
        var torchSharpFolder = Path.GetDirectoryName(torchSharpAssemblyPath) ?? ".";
        return Directory.GetParent(torchSharpFolder)?.Parent?.Parent is { Name: "torchsharp" };
    }

    /// <summary>The NuGet package version of TorchSharp, e.g. <c>0.107.0</c>.</summary>
    public static string TorchSharpVersion(string torchSharpAssemblyPath)
    {
        var assembly = AssemblyName.GetAssemblyName(torchSharpAssemblyPath);
        var version = assembly.Version ?? new Version(0, 0, 0);
        return $"{version.Major}.{version.Minor}.{version.Build}";
    }

    private static string RuntimeIdentifier =>
        RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";

    private static IEnumerable<string> PackageFolders(string torchSharpFolder)
    {
        // Inside the packages folder TorchSharp.dll sits at <packages>/torchsharp/<version>/lib/<tfm>/.
        var packageHome = Directory.GetParent(torchSharpFolder)?.Parent;
        if (packageHome?.Parent is { Name: "torchsharp" } packageName && packageName.Parent is not null)
        {
            yield return packageName.Parent.FullName;
        }

        if (Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured)
        {
            yield return configured;
        }

        yield return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    }
}
