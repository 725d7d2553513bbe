using System.Buffers.Binary;

namespace Autoencoders.Native;

/// <summary>
/// Makes TorchSharp's native wrapper load on Linux distributions whose libstdc++ is older than the one it
/// was built with (Debian 12, Ubuntu 22.04). GCC 13 records a need for <c>GLIBCXX_3.4.32</c> whose only
/// symbol, <c>std::ios_base_library_init()</c>, the wrapper never calls; marking that need weak lets glibc
/// load the library. Any other missing version is reported, never patched: its symbols would be called.
/// </summary>
public static class LibStdCxxCompatibility
{
    private const string LibStdCxx = "libstdc++.so.6";

    // Symbols that GCC 13 references from every object using iostreams but that no code path calls.
    private static readonly HashSet<string> NeverCalledSymbols = new(StringComparer.Ordinal)
    {
        "_ZSt21ios_base_library_initv",
    };

    /// <summary>
    /// Checks <paramref name="libraryPath"/> against the versions <paramref name="availableVersions"/> that the
    /// running libstdc++ defines and, when a harmless need is missing, marks it weak in place. The file is
    /// rewritten atomically (temporary file, then rename) and keeps its permissions; running it twice is a no-op.
    /// </summary>
    /// <exception cref="LibStdCxxIncompatibleException">A missing version carries symbols the library uses.</exception>
    public static CompatibilityResult EnsureCompatible(string libraryPath, IReadOnlySet<string> availableVersions)
    {
        ArgumentNullException.ThrowIfNull(availableVersions);
        var image = ElfImage.Read(libraryPath);
        var missing = image.VersionNeeds()
            .Where(need => need.File == LibStdCxx && !availableVersions.Contains(need.Name))
            .ToList();
        if (missing.Count == 0)
        {
            return CompatibilityResult.NothingMissing;
        }

        var unsafeNeeds = missing
            .Where(need => !need.IsWeak && !image.SymbolsWithVersion(need.Index).All(NeverCalledSymbols.Contains))
            .Select(need => need.Name)
            .ToList();
        if (unsafeNeeds.Count > 0)
        {
            throw new LibStdCxxIncompatibleException(
                $"{libraryPath} needs {string.Join(", ", unsafeNeeds)} from {LibStdCxx}, which this system's C++ runtime lacks. " +
                "Install a newer libstdc++ (GCC 13 or later) or use a newer Linux distribution.");
        }

        var toWeaken = missing.Where(need => !need.IsWeak).ToList();
        if (toWeaken.Count == 0)
        {
            return CompatibilityResult.AlreadyPatched;
        }

        var patched = image.Bytes.ToArray();
        foreach (var need in toWeaken)
        {
            var span = patched.AsSpan(need.FlagsOffset, 2);
            BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(span) | 0x2));
        }

        ReplaceAtomically(libraryPath, patched);
        return CompatibilityResult.Patched;
    }

    /// <summary>The version names defined by a libstdc++ shared library, e.g. <c>GLIBCXX_3.4.30</c>.</summary>
    public static IReadOnlySet<string> VersionsDefinedBy(string libStdCxxPath) =>
        ElfImage.Read(libStdCxxPath).VersionDefinitions();

    private static void ReplaceAtomically(string path, byte[] contents) =>
        IO.AtomicFile.Write(path, temporary =>
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(contents);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
            }
        });
}

/// <summary>What <see cref="LibStdCxxCompatibility.EnsureCompatible"/> found and did.</summary>
public enum CompatibilityResult
{
    /// <summary>The system's libstdc++ provides every version the library needs; the file was not touched.</summary>
    NothingMissing,

    /// <summary>A harmless missing version was already marked weak by an earlier run.</summary>
    AlreadyPatched,

    /// <summary>A harmless missing version was marked weak now.</summary>
    Patched,
}

/// <summary>The system's C++ runtime is too old for a native library, and no safe patch exists.</summary>
public sealed class LibStdCxxIncompatibleException : Exception
{
    /// <summary>Creates the exception with a one-line explanation.</summary>
    public LibStdCxxIncompatibleException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line explanation and its cause.</summary>
    public LibStdCxxIncompatibleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public LibStdCxxIncompatibleException()
    {
    }
}
