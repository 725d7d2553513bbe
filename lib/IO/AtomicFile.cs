using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Autoencoders.IO;

/// <summary>
/// Writes files so that a reader never sees half a file and a failed write leaves the old file intact: the content
/// goes to a temporary file beside the target, which is then renamed over it (one atomic step on the same file system).
/// </summary>
public static partial class AtomicFile
{
    /// <summary>Writes <paramref name="contents"/> as UTF-8 without a byte-order mark.</summary>
    public static void WriteAllText(string path, string contents) =>
        Write(path, temporary => File.WriteAllText(temporary, contents, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)));

    /// <summary>Writes <paramref name="bytes"/>.</summary>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, temporary => File.WriteAllBytes(temporary, bytes));

    /// <summary>
    /// Lets <paramref name="write"/> fill a temporary file (its path is the argument), then renames it to
    /// <paramref name="path"/>; the folder is created when missing. If anything fails, the temporary file is removed and
    /// so are the folders this call created, so a failed write leaves the disk as it was. Temporary files that killed
    /// writers left beside the target are removed first (<see cref="RemoveStale"/>).
    /// </summary>
    public static void Write(string path, Action<string> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var fullPath = Path.GetFullPath(path);
        if (Path.EndsInDirectorySeparator(fullPath) || Directory.Exists(fullPath))
        {
            throw new IOException($"{path} is a folder, but a file is written here: name the file, e.g. {Path.Combine(path, "out.csv")}");
        }

        var folder = Path.GetDirectoryName(fullPath)!;
        var created = MissingFolders(folder);
        Directory.CreateDirectory(folder);
        RemoveStale(folder);
        var temporary = TemporaryPath(fullPath);
        var written = false;
        try
        {
            write(temporary);
            File.Move(temporary, fullPath, overwrite: true);
            written = true;
        }
        finally
        {
            File.Delete(temporary);
            if (!written)
            {
                RemoveEmpty(created);
            }
        }
    }

    /// <summary>A fresh temporary name beside <paramref name="path"/>, unique to this process and call.</summary>
    public static string TemporaryPath(string path) => $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";

    /// <summary>
    /// Removes the temporary files (<see cref="TemporaryPath"/>'s <c>NAME.PID.GUID.tmp</c>) in <paramref name="folder"/>
    /// whose writer process is gone: a writer killed with SIGKILL, or by the OOM killer, cannot clean up after itself.
    /// Files of running processes are left alone.
    /// </summary>
    /// <returns>How many files were removed.</returns>
    public static int RemoveStale(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.tmp"))
        {
            var match = TemporaryName().Match(Path.GetFileName(file));
            if (match.Success && int.TryParse(match.Groups["pid"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !WriterProcess.IsRunning(pid))
            {
                try
                {
                    File.Delete(file);
                    removed++;
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    // Someone else's file, or a read-only folder: left as it is.
                }
            }
        }

        return removed;
    }

    // The folders from the outermost missing one down to folder, outermost first; empty when folder exists.
    private static List<string> MissingFolders(string folder)
    {
        var missing = new List<string>();
        for (var current = folder; !string.IsNullOrEmpty(current) && !Directory.Exists(current); current = Path.GetDirectoryName(current))
        {
            missing.Insert(0, current);
        }

        return missing;
    }

    private static void RemoveEmpty(List<string> created)
    {
        for (var i = created.Count - 1; i >= 0; i--)
        {
            try
            {
                if (Directory.Exists(created[i]) && !Directory.EnumerateFileSystemEntries(created[i]).Any())
                {
                    Directory.Delete(created[i]);
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                return;
            }
        }
    }

    [GeneratedRegex("^.+\\.(?<pid>[0-9]+)\\.[0-9a-f]{32}\\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex TemporaryName();
}
