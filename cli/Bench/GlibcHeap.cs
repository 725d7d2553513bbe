using System.Runtime.InteropServices;

namespace Autoencoders.Cli.Bench;

/// <summary>glibc's <c>malloc_trim</c>: hands the free memory of the native heap back to the kernel (nothing elsewhere).</summary>
internal static class GlibcHeap
{
    /// <summary>Whether any memory went back; false also where the C library is not glibc.</summary>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return malloc_trim(0) == 1;
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc.so.6", ExactSpelling = true)]
    private static extern int malloc_trim(nuint pad);
}
