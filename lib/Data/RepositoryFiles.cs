namespace Autoencoders.Data;

/// <summary>
/// Finds the repository's own files (its data sets, e.g. <c>data/nab/…</c>) from wherever a notebook or its app runs:
/// a notebook runs in <c>notebooks/</c>, its file-based app (<c>notebooks/apps/NN-name.cs</c>) in whatever folder
/// <c>dotnet run</c> was started from, so one relative path such as <c>../data/…</c> cannot serve both.
/// </summary>
public static class RepositoryFiles
{
    /// <summary>
    /// The .NET 10 SDK sets this AppContext value to the folder of a file-based app's .cs file (verified with SDK 10.0.401).
    /// </summary>
    public const string AppFolderKey = "EntryPointFileDirectoryPath";

    /// <summary>
    /// The full path of <paramref name="relativePath"/> (e.g. <c>data/odds/cardio.csv</c>) found in the current folder or
    /// the nearest folder above it that holds it, else in the folder of the running file-based app or one above it.
    /// </summary>
    /// <exception cref="DataInputException">No such file in any of those folders (one line naming where it looked).</exception>
    public static string Find(string relativePath) =>
        Find(relativePath, Environment.CurrentDirectory, AppContext.GetData(AppFolderKey) as string);

    /// <summary>As <see cref="Find(string)"/>, searching upward from <paramref name="startFolders"/> in order (nulls are skipped).</summary>
    public static string Find(string relativePath, params string?[] startFolders)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        ArgumentNullException.ThrowIfNull(startFolders);
        if (Path.IsPathRooted(relativePath))
        {
            throw new ArgumentException($"'{relativePath}' is not relative: give the path inside the repository, e.g. data/odds/cardio.csv", nameof(relativePath));
        }

        var starts = startFolders.OfType<string>().Select(Path.GetFullPath).ToList();
        foreach (var start in starts)
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, relativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new DataInputException(
            $"{relativePath} was not found in {string.Join(" or ", starts)} or any folder above: run from inside a clone of the repository.");
    }
}
