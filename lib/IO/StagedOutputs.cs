using System.Globalization;
using System.Text.RegularExpressions;

namespace Autoencoders.IO;

/// <summary>
/// Several outputs of one job inside a shared folder (files and folders beside other commands' outputs, like the
/// <c>run</c> verb's <c>out/</c>) replaced together. The job writes them into a staging folder inside the shared one; a
/// marker file then records that the commit began, and the entries are moved into place. A job stopped before the
/// marker leaves the old outputs (its staging folder is removed next time); one killed after it is finished by the next
/// access, so the outputs are never left half old and half new for longer than the commit's few renames take.
/// </summary>
public static partial class StagedOutputs
{
    private const string Marker = "committing";

    /// <summary>Finishes or removes what dead jobs left in <paramref name="folder"/>, then makes a fresh staging folder and returns it.</summary>
    public static string Begin(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Recover(folder);
        var staging = Path.Combine(Path.GetFullPath(folder), string.Create(CultureInfo.InvariantCulture, $".staging.{Environment.ProcessId}.{Guid.NewGuid():N}"));
        Directory.CreateDirectory(Path.Combine(staging, "new"));
        return Path.Combine(staging, "new");
    }

    /// <summary>
    /// Moves <paramref name="entries"/> (names of files or folders written into the folder <see cref="Begin"/> gave)
    /// into <paramref name="folder"/>, replacing the old ones, and removes the staging folder. Entries not written are skipped.
    /// </summary>
    public static void Commit(string folder, string staged, IReadOnlyList<string> entries)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentException.ThrowIfNullOrEmpty(staged);
        ArgumentNullException.ThrowIfNull(entries);
        var staging = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(staged)))!;
        foreach (var file in Directory.EnumerateFiles(staged, "*", SearchOption.AllDirectories))
        {
            NativeFileSystem.SyncFile(file);
        }

        var marker = Path.Combine(staging, Marker);
        File.WriteAllLines(marker, entries);
        NativeFileSystem.SyncFile(marker);
        NativeFileSystem.SyncFolder(staging);
        FaultInjection.At("commit");
        RollForward(Path.GetFullPath(folder), staging);
        Delete(staging);
    }

    /// <summary>Removes <paramref name="staged"/>'s staging folder without committing (a cancelled or failed job).</summary>
    public static void Abandon(string staged)
    {
        ArgumentException.ThrowIfNullOrEmpty(staged);
        Delete(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(staged)))!);
    }

    /// <summary>Finishes the commits dead jobs began in <paramref name="folder"/> and removes their other staging folders.</summary>
    public static void Recover(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var target = Path.GetFullPath(folder);
        if (!Directory.Exists(target))
        {
            return;
        }

        foreach (var staging in Directory.EnumerateDirectories(target))
        {
            var match = StagingName().Match(Path.GetFileName(staging));
            if (!match.Success || WriterProcess.IsRunning(int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture)))
            {
                continue;
            }

            if (File.Exists(Path.Combine(staging, Marker)))
            {
                RollForward(target, staging);
            }

            Delete(staging);
        }
    }

    // Idempotent, so a commit killed half-way can be run again from the start: an entry still in new/ has not been
    // moved in yet; its old version goes to old/ first (a file is replaced by one rename).
    private static void RollForward(string folder, string staging)
    {
        var old = Path.Combine(staging, "old");
        Directory.CreateDirectory(old);
        foreach (var entry in File.ReadAllLines(Path.Combine(staging, Marker)).Where(line => line.Length > 0))
        {
            var source = Path.Combine(staging, "new", entry);
            var destination = Path.Combine(folder, entry);
            if (File.Exists(source))
            {
                File.Move(source, destination, overwrite: true);
            }
            else if (Directory.Exists(source))
            {
                if (Directory.Exists(destination))
                {
                    Directory.Move(destination, Path.Combine(old, entry));
                }

                FaultInjection.At("commit-entry");
                Directory.Move(source, destination);
            }
        }

        NativeFileSystem.SyncFolder(folder);
    }

    private static void Delete(string folder)
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
            // Left for the next Recover.
        }
    }

    [GeneratedRegex("^\\.staging\\.(?<pid>[0-9]+)\\.[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex StagingName();
}
