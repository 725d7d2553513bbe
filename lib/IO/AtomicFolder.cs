namespace Autoencoders.IO;

/// <summary>
/// Replaces a folder's content as a whole: the new content is written into a fresh sibling folder, which then takes the
/// folder's place, so a reader sees the old folder or the new one, never a mix, and a failed write leaves the old one.
/// </summary>
public static class AtomicFolder
{
    /// <summary>
    /// Lets <paramref name="write"/> fill a new, empty folder (its path is the argument), then puts it in place of
    /// <paramref name="folder"/> (created when missing; an existing one is replaced). The new folder is removed if
    /// anything fails.
    /// </summary>
    public static void Replace(string folder, Action<string> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(write);
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (File.Exists(target))
        {
            throw new IOException($"{target} is a file, not a folder");
        }

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
}
