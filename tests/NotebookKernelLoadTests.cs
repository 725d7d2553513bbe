using System.Buffers.Binary;
using Autoencoders.Native;
using Autoencoders.Tests.Notebooks;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests;

/// <summary>
/// A stock .NET Interactive kernel (dotnet-repl, the repository's local tool) loads TorchSharp from the NuGet
/// packages folder, not from an app folder: the path notebooks take with <c>#r "nuget: TorchSharp-cpu"</c>.
/// </summary>
[Collection(StockKernelCollection.Name)]
public sealed class NotebookKernelLoadTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TorchSharp_loads_from_the_NuGet_cache_in_a_stock_kernel_without_the_fallback_copy()
    {
        var wrapper = Path.Combine(RepositoryPaths.NuGetPackages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        var systemLacksVersion = OperatingSystem.IsLinux() &&
            !LibStdCxxCompatibility.VersionsDefinedBy(LoadedLibraries.Find("libstdc++.so.6")!).Contains("GLIBCXX_3.4.32");
        if (OperatingSystem.IsLinux() && systemLacksVersion)
        {
            RestoreAsShipped(wrapper); // so that this run has to apply the fix to the cached copy itself
        }

        var notebook = _folder.File("load.dib");
        var library = Path.Combine(AppContext.BaseDirectory, "Autoencoders.dll");
        File.WriteAllText(notebook, $$"""
            #!csharp

            #r "nuget: TorchSharp-cpu, 0.107.0"
            #r "{{library}}"

            #!csharp

            var info = Autoencoders.Native.TorchRuntime.EnsureLoaded();
            Console.WriteLine($"compatibility={info.Compatibility} libtorch={info.LibTorchPath} sum={TorchSharp.torch.ones(4).sum().item<float>()}");
            """);

        var result = RunKernel(notebook);

        Assert.True(result.ExitCode == 0, $"kernel run failed ({result.ExitCode}): {result.Output}{result.Errors}");
        var output = File.ReadAllText(_folder.File("load.ipynb"));
        Assert.Contains("sum=4", output, StringComparison.Ordinal);
        if (OperatingSystem.IsLinux())
        {
            Assert.Contains($"libtorch={RepositoryPaths.NuGetPackages}/libtorch-cpu-linux-x64/2.10.0/", output, StringComparison.Ordinal);
            Assert.Contains(systemLacksVersion ? "compatibility=Patched" : "compatibility=NothingMissing", output, StringComparison.Ordinal);
        }

        var torchSharpLib = Path.Combine(RepositoryPaths.NuGetPackages, "torchsharp", "0.107.0", "lib", "net8.0");
        Assert.False(Directory.Exists(Path.Combine(torchSharpLib, "cpu")), "TorchSharp made its 480 MB fallback copy");
    }

    private static ProcessResult RunKernel(string notebook) =>
        StockKernel.Run(notebook, Path.ChangeExtension(notebook, ".ipynb"), RepositoryPaths.Root, TimeSpan.FromMinutes(5));

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static void RestoreAsShipped(string wrapper)
    {
        var bytes = File.ReadAllBytes(wrapper);
        var need = ElfImage.Read(wrapper).VersionNeeds().Single(n => n.Name == "GLIBCXX_3.4.32");
        var flags = bytes.AsSpan(need.FlagsOffset, 2);
        BinaryPrimitives.WriteUInt16LittleEndian(flags, (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(flags) & ~0x2));
        var temporary = wrapper + ".test.tmp";
        File.WriteAllBytes(temporary, bytes);
        File.SetUnixFileMode(temporary, File.GetUnixFileMode(wrapper));
        File.Move(temporary, wrapper, overwrite: true);
    }
}
