namespace Autoencoders.Native;

/// <summary>The shared libraries mapped into the current Linux process, read from <c>/proc/self/maps</c>.</summary>
internal static class LoadedLibraries
{
    /// <summary>Full paths of every mapped shared library; empty where <c>/proc</c> is unavailable.</summary>
    public static IReadOnlyList<string> Paths()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return [];
        }

        return File.ReadLines(maps)
            .Select(line => line.IndexOf('/', StringComparison.Ordinal) is var start and >= 0 ? line[start..] : "")
            .Where(path => path.Contains(".so", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The mapped libraries whose file name is <paramref name="fileName"/> or starts with it followed by a dot.</summary>
    public static IReadOnlyList<string> Named(string fileName) =>
        Paths().Where(path => Path.GetFileName(path) is var name &&
                              (name == fileName || name.StartsWith(fileName + ".", StringComparison.Ordinal)))
               .ToList();

    /// <summary>The first mapped library named <paramref name="fileName"/>, or null.</summary>
    public static string? Find(string fileName) => Named(fileName) is [var first, ..] ? first : null;
}
