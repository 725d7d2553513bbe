using System.Globalization;

namespace Autoencoders.IO;

/// <summary>
/// One writer at a time for an output folder: a lock file beside it (<c>.NAME.lock</c> in its parent) held with an
/// operating-system lock, which the system releases when the process ends, however it ends, so a lock left by a
/// killed process is simply taken over. The file says who holds it, for the message the next writer gets.
/// </summary>
public sealed class OutputLock : IDisposable
{
    private static readonly HashSet<string> HeldHere = new(StringComparer.Ordinal);
    private readonly FileStream _file;
    private readonly string _folder;

    private OutputLock(FileStream file, string folder)
    {
        _file = file;
        _folder = folder;
    }

    /// <summary>The lock file of <paramref name="folder"/>.</summary>
    public static string LockFileOf(string folder)
    {
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        return Path.Combine(Path.GetDirectoryName(target) ?? target, $".{Path.GetFileName(target)}.lock");
    }

    /// <summary>Takes the lock of <paramref name="folder"/> for <paramref name="command"/> (e.g. <c>train</c>), or says who has it.</summary>
    /// <exception cref="OutputInUseException">Another process, or another run in this one, writes the folder.</exception>
    public static OutputLock Acquire(string folder, string command)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var path = LockFileOf(target);
        lock (HeldHere)
        {
            // The system's locks belong to a process: a second writer inside this process must be stopped here.
            if (!HeldHere.Add(target))
            {
                throw new OutputInUseException($"{target} is being written by another run in this process; wait for it to finish, or choose another output folder");
            }
        }

        FileStream? file = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            file = Open(path, target);

            var owner = string.Create(CultureInfo.InvariantCulture,
                $"pid {Environment.ProcessId}, {command}, since {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC\n");
            file.SetLength(0);
            file.Write(System.Text.Encoding.UTF8.GetBytes(owner));
            file.Flush();
            return new OutputLock(file, target);
        }
        catch (Exception error) when (error is (IOException or UnauthorizedAccessException) and not OutputInUseException)
        {
            file?.Dispose();
            Release(target);
            throw new IOException(
                $"{target} cannot be written: {Path.GetDirectoryName(path)} is read-only or not writable, or full ({error.Message.Split('\n')[0]}); choose another output folder", error);
        }
        catch
        {
            file?.Dispose();
            Release(target);
            throw;
        }
    }

    private static void Release(string target)
    {
        lock (HeldHere)
        {
            HeldHere.Remove(target);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // The file stays: deleting it could let two writers lock two different files of the same name.
        _file.Dispose();
        lock (HeldHere)
        {
            HeldHere.Remove(_folder);
        }
    }

    // A byte-range lock (fcntl) leaves the file readable, so the next writer can say who holds it; macOS has no
    // byte-range locks in .NET, and there an exclusive open (flock) stands in, without the holder's name.
    private static FileStream Open(string path, string target)
    {
        if (OperatingSystem.IsMacOS())
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException error)
            {
                throw new OutputInUseException($"{target} is being written by another process; wait for it to finish, or choose another output folder", error);
            }
        }

        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            file.Lock(0, 1);
            return file;
        }
        catch (IOException error)
        {
            var holder = Holder(file);
            file.Dispose();
            throw new OutputInUseException($"{target} is being written by another process ({holder}); wait for it to finish, or choose another output folder", error);
        }
    }

    private static string Holder(FileStream file)
    {
        file.Position = 0;
        using var reader = new StreamReader(file, leaveOpen: true);
        var text = reader.ReadToEnd().Trim();
        return text.Length > 0 ? text : "it has not said who it is yet";
    }
}

/// <summary>Another writer holds an output folder; the message names it and what to do.</summary>
public sealed class OutputInUseException : IOException
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public OutputInUseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public OutputInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public OutputInUseException()
    {
    }
}
