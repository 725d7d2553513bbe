using System.Globalization;
using System.Text.RegularExpressions;

namespace Autoencoders.IO;

/// <summary>
/// Replaces a folder's content as a whole: the new content is written into a fresh sibling folder, flushed to disk, and
/// then takes the folder's place in one step, so a reader sees the old folder or the new one, never a mix, and a failed
/// or killed write leaves the old one. A folder is only ever replaced when it is empty or holds nothing but what the
/// writer itself writes, so an output option pointed at the wrong folder (a home folder, a project) is refused instead
/// of wiped.
/// </summary>
public static partial class AtomicFolder
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
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var fresh = SiblingName(target, "tmp");
        var previous = SiblingName(target, "old");
        Directory.CreateDirectory(fresh);
        try
        {
            write(fresh);
            Flush(fresh);
            FaultInjection.At("swap");
            if (!Directory.Exists(target))
            {
                Directory.Move(fresh, target);
            }
            else if (FaultInjection.TwoRenames || !NativeFileSystem.TryExchange(fresh, target))
            {
                // Where folders cannot be swapped in one step: two renames. A process killed between them leaves the
                // old folder beside the missing one, and the next access puts it back (Recover).
                Directory.Move(target, previous);
                FaultInjection.At("between-renames");
                Directory.Move(fresh, target);
            }

            NativeFileSystem.SyncFolder(parent);
            FaultInjection.At("cleanup");
        }
        finally
        {
            // After a swap the fresh path holds the old content; after a failure, the unfinished new one.
            DeleteQuietly(fresh);
            DeleteQuietly(previous);
        }
    }

    /// <summary>
    /// Checks, before any work, that <see cref="Replace"/> could replace <paramref name="folder"/>: it is not a file and
    /// holds nothing but <paramref name="isOwnEntry"/> entries. Puts back what a killed writer left (see
    /// <see cref="Recover"/>). Returns its full path.
    /// </summary>
    /// <exception cref="IOException">The path is a file, or the folder holds other files (named).</exception>
    public static string EnsureReplaceable(string folder, Func<string, bool> isOwnEntry)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(isOwnEntry);
        var target = Recover(folder);
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

    /// <summary>
    /// Tidies what writers of <paramref name="folder"/> that no longer run left beside it: an unfinished new folder is
    /// removed, and a previous folder whose replacement never arrived (a writer killed between two renames) is put back.
    /// While a live writer is between its two renames, waits briefly for the new folder. Returns the folder's full path.
    /// </summary>
    public static string Recover(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var parent = Path.GetDirectoryName(target);
        if (parent is null || !Directory.Exists(parent))
        {
            return target;
        }

        // A job killed while moving its outputs into this folder's parent (the run verb's commit) is finished first.
        StagedOutputs.Recover(parent);
        var pattern = SiblingPattern(Path.GetFileName(target));
        foreach (var sibling in Directory.EnumerateDirectories(parent))
        {
            var match = pattern.Match(Path.GetFileName(sibling));
            if (!match.Success)
            {
                continue;
            }

            var writer = int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture);
            if (WriterProcess.IsRunning(writer))
            {
                if (match.Groups["kind"].Value == "old" && writer != Environment.ProcessId)
                {
                    WaitFor(target);
                }

                continue;
            }

            if (match.Groups["kind"].Value == "old" && !Directory.Exists(target))
            {
                Directory.Move(sibling, target);
            }
            else
            {
                DeleteQuietly(sibling);
            }
        }

        return target;
    }

    private static string SiblingName(string target, string kind) =>
        string.Create(CultureInfo.InvariantCulture, $"{target}.{Environment.ProcessId}.{Guid.NewGuid():N}.{kind}");

    private static Regex SiblingPattern(string name) =>
        new($"^{Regex.Escape(name)}\\.(?<pid>[0-9]+)\\.[0-9a-f]{{32}}\\.(?<kind>tmp|old)$", RegexOptions.CultureInvariant);

    // Every file's content, then the folder's entries, reach the disk before the folder is swapped in: a crash
    // right after the swap must not leave a complete-looking folder of empty files.
    private static void Flush(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            NativeFileSystem.SyncFile(file);
        }

        foreach (var sub in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories).Append(folder))
        {
            NativeFileSystem.SyncFolder(sub);
        }
    }

    private static void WaitFor(string target)
    {
        for (var attempt = 0; attempt < 40 && !Directory.Exists(target); attempt++)
        {
            Thread.Sleep(50);
        }
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Left for the next run's Recover; the replacement itself succeeded or failed on its own terms.
        }
    }
}
