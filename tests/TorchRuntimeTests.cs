using System.Security.Cryptography;
using Autoencoders.Native;
using Autoencoders.Tests.Support;
using TorchSharp;

namespace Autoencoders.Tests;

public class TorchRuntimeTests
{
    [Fact]
    public void TorchSharp_reports_the_libtorch_version_its_package_ships()
    {
        var info = TorchRuntime.EnsureLoaded();

        Assert.StartsWith(TorchRuntime.ExpectedLibTorchVersion, info.LibTorchVersion, StringComparison.Ordinal);
        Assert.Equal("0.107.0", info.TorchSharpVersion);
    }

    [Fact]
    public void Loading_twice_returns_the_same_information()
    {
        Assert.Same(TorchRuntime.EnsureLoaded(), TorchRuntime.EnsureLoaded());
    }

    [Fact]
    public void The_loaded_libtorch_is_the_NuGet_libtorch_2_10_file()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /proc/self/maps, which names the loaded file, exists on Linux only.
        }

        var info = TorchRuntime.EnsureLoaded();
        Assert.NotNull(info.LibTorchPath);
        Assert.DoesNotContain("/usr/", info.LibTorchPath, StringComparison.Ordinal);

        var packaged = Path.Combine(RepositoryPaths.NuGetPackages, "libtorch-cpu-linux-x64", TorchRuntime.ExpectedLibTorchVersion,
            "runtimes", "linux-x64", "native", "libtorch_cpu.so");
        Assert.True(File.Exists(packaged), $"expected the restored package file {packaged}");
        Assert.Equal(new FileInfo(packaged).Length, new FileInfo(info.LibTorchPath).Length);
        Assert.Equal(HeadHash(packaged), HeadHash(info.LibTorchPath));
        Assert.Single(LoadedLibraries.Named("libtorch_cpu.so"));
    }

    [Fact]
    public void The_libstdcxx_fix_is_applied_exactly_when_the_system_lacks_GLIBCXX_3_4_32()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Null(TorchRuntime.EnsureLoaded().Compatibility);
            return;
        }

        var info = TorchRuntime.EnsureLoaded();
        var systemHasIt = LibStdCxxCompatibility.VersionsDefinedBy(LoadedLibraries.Find("libstdc++.so.6")!).Contains("GLIBCXX_3.4.32");
        var need = ElfImage.Read(info.WrapperPath!).VersionNeeds().Single(n => n.Name == "GLIBCXX_3.4.32");

        Assert.Equal(!systemHasIt, need.IsWeak);
        Assert.Equal(systemHasIt, info.Compatibility == CompatibilityResult.NothingMissing);
    }

    [Fact]
    public void TorchSharp_never_fell_back_to_copying_its_natives()
    {
        var torchSharpFolder = Path.GetDirectoryName(typeof(torch).Assembly.Location)!;

        Assert.False(Directory.Exists(Path.Combine(torchSharpFolder, "cpu")), "TorchSharp's 480 MB fallback copy was made");
    }

    private static string HeadHash(string path)
    {
        using var stream = File.OpenRead(path);
        var head = new byte[1 << 20];
        stream.ReadExactly(head);
        return Convert.ToHexString(SHA256.HashData(head));
    }
}
