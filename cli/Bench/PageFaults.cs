using System.Globalization;

namespace Autoencoders.Cli.Bench;

/// <summary>This process's minor page faults so far: each is a page of memory touched for the first time since the kernel handed it out.</summary>
internal static class PageFaults
{
    /// <summary>The count from <c>/proc/self/stat</c> (field 10, minflt); null where there is no such file.</summary>
    public static long? Minor()
    {
        const string path = "/proc/self/stat";
        if (!File.Exists(path))
        {
            return null;
        }

        var stat = File.ReadAllText(path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], CultureInfo.InvariantCulture);
    }
}
