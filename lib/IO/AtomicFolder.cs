namespace Autoencoders.IO;

/// <summary>
/// Replaces a folder's content as a whole: the new content is written into a fresh sibling folder, which then takes the
/// folder's place, so a reader sees the old folder or the new one, never a mix, and a failed write leaves the old one.
/// A folder is only ever replaced when it is empty or holds nothing but what the writer itself writes, so an output
/// option pointed at the wrong folder (a home folder, a project) is refused instead of wiped.
/// </summary>
public static class AtomicFolder
{
    /// <summary>
    /// Lets <paramref name="write"/> fill a new, empty folder (its path is the argument), then puts it in place of
    /// <paramref name="folder"/> (created when missing; an existing one is replaced). The new folder is removed if
    /// anything fails.
    /// </summary>
    /// <param name="folder">The folder to write.</param>
    /// <param name="write">Fills the fresh folder.</param>
    /// <param name="isOwnEntry">
    /// Whether an entry already in <paramref name="folder"/> (a file or folder name) is one this writer makes; an existing
    /// folder holding anything else is refused with an <see cref="IOException"/> naming it.
    /// </param>
    public static void Replace(string folder, Action<string> write, Func<string, bool> isOwnEntry)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(isOwnEntry);
        var target = EnsureReplaceable(folder, isOwnEntry);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var fresh = $"{target}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var previous = $"{target}.{Environment.ProcessId}.{Guid.NewGuid():N}.old";
        Directory.CreateDirectory(fresh);
        try
        {
            write(fresh);
            // Two renames: between them the folder is briefly absent, never half-written.
            if (Directory.Exists(target))
            {
                Directory.Move(target, previous);
            }

            Directory.Move(fresh, target);
        }
        finally
        {
            if (Directory.Exists(fresh))
            {
                Directory.Delete(fresh, recursive: true);
            }

            if (Directory.Exists(previous))
            {
                Directory.Delete(previous, recursive: true);
            }
        }
    }

    /// <summary>
    /// Checks, before any work, that <see cref="Replace"/> could replace <paramref name="folder"/>: it is not a file and
    /// holds nothing but <paramref name="isOwnEntry"/> entries. Returns its full path.
    /// </summary>
    /// <exception cref="IOException">The path is a file, or the folder holds other files (named).</exception>
    public static string EnsureReplaceable(string folder, Func<string, bool> isOwnEntry)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(isOwnEntry);
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (File.Exists(target))
        {
            throw new IOException($"{target} is a file, not a folder");
        }

        if (Directory.Exists(target))
        {
            var foreign = Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName).Where(name => !isOwnEntry(name!)).Take(3).ToList();
            if (foreign.Count > 0)
            {
                throw new IOException($"{target} holds files this command did not write ({string.Join(", ", foreign)}); give a new or empty folder");
            }
        }

        return target;
    }
}
