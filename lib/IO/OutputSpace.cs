using System.Globalization;

namespace Autoencoders.IO;

/// <summary>Checks, before a long run, that its output can be written: the folder's file system is writable and has room.</summary>
public static class OutputSpace
{
    /// <summary>
    /// Throws <see cref="IOException"/> in one line when <paramref name="folder"/> cannot take <paramref name="bytes"/>
    /// more: its nearest existing parent is read-only or not writable, or its file system has less free space. While a
    /// folder is replaced both copies exist, so the old one's size does not count as free.
    /// </summary>
    public static void Require(string folder, long bytes, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var existing = Path.GetDirectoryName(target) ?? target;
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }

        var probe = Path.Combine(existing, $".write-probe.{Environment.ProcessId}.{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{target} cannot be written: {existing} is read-only or not writable ({error.Message.Split('\n')[0]}); choose another output folder", error);
        }

        long free;
        try
        {
            free = new DriveInfo(existing).AvailableFreeSpace;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return; // No answer from the system: the write itself will report a full disk.
        }

        if (free < bytes)
        {
            throw new IOException(string.Create(CultureInfo.InvariantCulture,
                $"{target}: {what} needs about {Megabytes(bytes)} but its disk has {Megabytes(free)} free; free some space or choose another output folder"));
        }
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0.1, bytes / 1048576.0):0.0} MB");
}
