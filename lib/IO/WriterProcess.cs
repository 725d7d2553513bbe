namespace Autoencoders.IO;

/// <summary>Whether the process that left a temporary folder (its id is in the folder's name) still runs.</summary>
internal static class WriterProcess
{
    /// <summary>True for this process and for any live one; a reused id errs on the safe side (the folder is left alone).</summary>
    public static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        if (OperatingSystem.IsLinux())
        {
            return Directory.Exists($"/proc/{pid}");
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
