using System.Text;

namespace Autoencoders.IO;

/// <summary>
/// Writes files so that a reader never sees half a file and a failed write leaves the old file intact: the content
/// goes to a temporary file beside the target, which is then renamed over it (one atomic step on the same file system).
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="contents"/> as UTF-8 without a byte-order mark.</summary>
    public static void WriteAllText(string path, string contents) =>
        Write(path, temporary => File.WriteAllText(temporary, contents, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)));

    /// <summary>Writes <paramref name="bytes"/>.</summary>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, temporary => File.WriteAllBytes(temporary, bytes));

    /// <summary>
    /// Lets <paramref name="write"/> fill a temporary file (its path is the argument), then renames it to
    /// <paramref name="path"/>; the folder is created when missing. The temporary file is removed if anything fails.
    /// </summary>
    public static void Write(string path, Action<string> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var temporary = TemporaryPath(fullPath);
        try
        {
            write(temporary);
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>A fresh temporary name beside <paramref name="path"/>, unique to this process and call.</summary>
    public static string TemporaryPath(string path) => $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
}
