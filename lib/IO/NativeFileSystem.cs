using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Autoencoders.IO;

/// <summary>The few POSIX calls .NET does not offer: swapping two folders in one step, and flushing a folder's entries to disk.</summary>
internal static class NativeFileSystem
{
    private const int CurrentFolder = -100;   // AT_FDCWD
    private const uint Exchange = 2;           // RENAME_EXCHANGE
    private const int ReadOnly = 0;            // O_RDONLY: enough to fsync a folder on Linux

    /// <summary>Swaps the folders at two paths in one step (Linux renameat2); false where the system or file system cannot.</summary>
    public static bool TryExchange(string first, string second)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return renameat2(CurrentFolder, first, CurrentFolder, second, Exchange) == 0;
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Makes a folder's entries (files created or renamed in it) durable; does nothing where it cannot.</summary>
    /// <exception cref="IOException">The disk reported an error.</exception>
    public static void SyncFolder(string folder)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        int descriptor;
        try
        {
            descriptor = open(folder, ReadOnly);
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            return;
        }

        if (descriptor < 0)
        {
            return;
        }

        try
        {
            if (fsync(descriptor) != 0)
            {
                throw new IOException($"{folder}: the disk reported an error while saving (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = close(descriptor);
        }
    }

    /// <summary>Writes a file's content through to the disk.</summary>
    public static void SyncFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    [SuppressMessage("Globalization", "CA2101", Justification = "POSIX takes paths as UTF-8 bytes, which LPUTF8Str gives; the rule knows only the Windows encodings.")]
    [DllImport("libc.so.6", ExactSpelling = true, SetLastError = true)]
    private static extern int renameat2(int oldFolder, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, int newFolder,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);

    [SuppressMessage("Globalization", "CA2101", Justification = "POSIX takes paths as UTF-8 bytes, which LPUTF8Str gives.")]
    [DllImport("libc.so.6", ExactSpelling = true, SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc.so.6", ExactSpelling = true, SetLastError = true)]
    private static extern int fsync(int descriptor);

    [DllImport("libc.so.6", ExactSpelling = true)]
    private static extern int close(int descriptor);
}
