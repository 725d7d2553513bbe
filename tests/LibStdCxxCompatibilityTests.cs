using System.Buffers.Binary;
using Autoencoders.Native;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests;

/// <summary>
/// Runs the patch on a private copy of TorchSharp's real native wrapper, with the need for GLIBCXX_3.4.32
/// reset to "not weak" so that each case starts from the file as NuGet ships it.
/// </summary>
public sealed class LibStdCxxCompatibilityTests : IDisposable
{
    private const string Missing = "GLIBCXX_3.4.32";
    private readonly string _folder = Directory.CreateTempSubdirectory("libstdcxx-test-").FullName;
    private readonly string _library;

    public LibStdCxxCompatibilityTests()
    {
        _library = Path.Combine(_folder, "libLibTorchSharp.so");
        var original = File.ReadAllBytes(WrapperAsShipped());
        var need = ElfImage.Read(WrapperAsShipped()).VersionNeeds().Single(n => n.Name == Missing);
        var flags = original.AsSpan(need.FlagsOffset, 2);
        BinaryPrimitives.WriteUInt16LittleEndian(flags, (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(flags) & ~0x2));
        File.WriteAllBytes(_library, original);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_library, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_missing_GLIBCXX_3_4_32_is_marked_weak_and_nothing_else_changes()
    {
        var before = File.ReadAllBytes(_library);

        var result = LibStdCxxCompatibility.EnsureCompatible(_library, Debian12Versions());

        Assert.Equal(CompatibilityResult.Patched, result);
        var after = File.ReadAllBytes(_library);
        Assert.Equal(before.Length, after.Length);
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToList();
        var need = ElfImage.Read(_library).VersionNeeds().Single(n => n.Name == Missing);
        Assert.Equal([need.FlagsOffset], changed);
        Assert.True(need.IsWeak);
        Assert.All(ElfImage.Read(_library).VersionNeeds().Where(n => n.Name != Missing), n => Assert.False(n.IsWeak));
    }

    [Fact]
    public void Patching_twice_changes_nothing_the_second_time()
    {
        LibStdCxxCompatibility.EnsureCompatible(_library, Debian12Versions());
        var once = File.ReadAllBytes(_library);
        var stamp = File.GetLastWriteTimeUtc(_library);

        var result = LibStdCxxCompatibility.EnsureCompatible(_library, Debian12Versions());

        Assert.Equal(CompatibilityResult.AlreadyPatched, result);
        Assert.Equal(once, File.ReadAllBytes(_library));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(_library));
    }

    [Fact]
    public void A_system_that_has_every_version_leaves_the_file_untouched()
    {
        var before = File.ReadAllBytes(_library);
        var all = Debian12Versions().Append(Missing).ToHashSet();

        var result = LibStdCxxCompatibility.EnsureCompatible(_library, all);

        Assert.Equal(CompatibilityResult.NothingMissing, result);
        Assert.Equal(before, File.ReadAllBytes(_library));
    }

    [Fact]
    public void The_patched_file_keeps_its_permissions_and_leaves_no_temporary_file()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(_library);

        LibStdCxxCompatibility.EnsureCompatible(_library, Debian12Versions());

        Assert.Equal(mode, File.GetUnixFileMode(_library));
        Assert.Equal([_library], Directory.GetFiles(_folder));
    }

    [Fact]
    public void A_missing_version_whose_symbols_are_used_is_refused_and_the_file_is_untouched()
    {
        var before = File.ReadAllBytes(_library);
        var older = Debian12Versions().Where(v => v != "GLIBCXX_3.4.30").ToHashSet();

        var error = Assert.Throws<LibStdCxxIncompatibleException>(() => LibStdCxxCompatibility.EnsureCompatible(_library, older));

        Assert.Contains("GLIBCXX_3.4.30", error.Message, StringComparison.Ordinal);
        Assert.Contains(_library, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(_library));
    }

    [Fact]
    public void A_file_that_is_not_ELF_is_reported_by_name()
    {
        File.WriteAllText(_library, "not a shared library");

        var error = Assert.Throws<InvalidDataException>(() => LibStdCxxCompatibility.EnsureCompatible(_library, Debian12Versions()));

        Assert.Contains(_library, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_versions_of_a_real_libstdcxx_are_read()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var versions = LibStdCxxCompatibility.VersionsDefinedBy(LoadedLibraries.Find("libstdc++.so.6")!);

        Assert.Contains("GLIBCXX_3.4", versions);
        Assert.Contains("CXXABI_1.3", versions);
    }

    // What GCC 12's libstdc++ (Debian 12) defines, up to GLIBCXX_3.4.30; generated rather than read from
    // the machine so that the tests mean the same on every system.
    private static HashSet<string> Debian12Versions()
    {
        var versions = new HashSet<string>(StringComparer.Ordinal) { "GLIBCXX_3.4" };
        for (var minor = 1; minor <= 30; minor++)
        {
            versions.Add($"GLIBCXX_3.4.{minor}");
        }

        versions.Add("CXXABI_1.3");
        for (var minor = 1; minor <= 13; minor++)
        {
            versions.Add($"CXXABI_1.3.{minor}");
        }

        return versions;
    }

    private static string WrapperAsShipped() =>
        Path.Combine(RepositoryPaths.NuGetPackages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
}
