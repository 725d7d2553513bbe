using System.Globalization;
using Autoencoders.Data;

namespace Autoencoders.IO;

/// <summary>
/// Reads a file a user named into memory, trusting nothing about it: a device such as <c>/dev/zero</c> would be read
/// for ever and a named pipe blocks the open until a writer comes (and no Ctrl+C or SIGTERM gets through a blocked
/// open), so only a regular file with content is opened, and no more bytes are read than it had when it was looked at.
/// </summary>
public static class UserFile
{
    /// <summary>The most this reads into memory: the largest byte array .NET makes.</summary>
    public static long MaximumBytes => Array.MaxLength;

    /// <summary>Reads the whole of <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="advice">What to do instead, said after what is wrong (e.g. "give the .pt file the weights were saved to").</param>
    /// <exception cref="DataInputException">The path is missing, a folder, empty, not a regular file, or too large; one line naming it.</exception>
    public static byte[] ReadAllBytes(string path, string advice)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new DataInputException(Directory.Exists(path) ? $"{path} is a folder, not a file: {advice}." : $"{path}: no such file: {advice}.");
        }

        // A device, a pipe or a socket reports no length (and so does an empty file, which holds nothing to read).
        if (file.Length == 0)
        {
            throw new DataInputException($"{path} is empty, or not a regular file (a device, a pipe or a socket, which would be read for ever or block): {advice}.");
        }

        if (file.Length > MaximumBytes)
        {
            throw new DataInputException(string.Create(CultureInfo.InvariantCulture,
                $"{path} holds {file.Length:N0} bytes, more than the {MaximumBytes:N0} this program reads into memory: {advice}."));
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var bytes = new byte[file.Length];
        var read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        return read == bytes.Length ? bytes : bytes[..read];
    }
}
