using System.Globalization;

namespace Autoencoders.Native;

/// <summary>
/// How busy other programs keep the processors this process may run on, from two readings of Linux's
/// <c>/proc/stat</c> and <c>/proc/self/stat</c>: busy time on the allowed processors minus this process's own time.
/// </summary>
internal static class CpuLoad
{
    /// <summary>A reading of the counters; null where <c>/proc</c> is not available (Windows, macOS).</summary>
    public static Snapshot? Read()
    {
        try
        {
            if (!File.Exists("/proc/stat") || !File.Exists("/proc/self/stat"))
            {
                return null;
            }

            var allowed = AllowedProcessors();
            long busy = 0, total = 0;
            foreach (var line in File.ReadLines("/proc/stat"))
            {
                if (!line.StartsWith("cpu", StringComparison.Ordinal) || line.Length < 4 || !char.IsAsciiDigit(line[3]))
                {
                    continue;
                }

                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var processor = int.Parse(fields[0].AsSpan(3), CultureInfo.InvariantCulture);
                if (allowed is not null && !allowed.Contains(processor))
                {
                    continue;
                }

                // user nice system idle iowait irq softirq steal: guest time is already inside user.
                var ticks = fields.Skip(1).Take(8).Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();
                var idle = ticks[3] + ticks[4];
                total += ticks.Sum();
                busy += ticks.Sum() - idle;
            }

            return new Snapshot(busy, total, OwnTicks(), allowed?.Count ?? Environment.ProcessorCount);
        }
        catch (Exception error) when (error is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Processors busy with other programs between <paramref name="before"/> and <paramref name="after"/>, in cores (0 to the allowed count).</summary>
    public static double OtherBusyCores(Snapshot before, Snapshot after)
    {
        var elapsed = after.TotalTicks - before.TotalTicks;
        if (elapsed <= 0)
        {
            return 0;
        }

        var others = after.BusyTicks - before.BusyTicks - (after.OwnTicks - before.OwnTicks);
        return Math.Clamp((double)others / elapsed * after.Processors, 0, after.Processors);
    }

    // utime and stime of this process, fields 14 and 15 of /proc/self/stat, counted after the command name's ')'.
    private static long OwnTicks()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private static HashSet<int>? AllowedProcessors()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var set = new HashSet<int>();
        foreach (var range in line["Cpus_allowed_list:".Length..].Trim().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = range.Split('-');
            var first = int.Parse(bounds[0], CultureInfo.InvariantCulture);
            var last = bounds.Length > 1 ? int.Parse(bounds[1], CultureInfo.InvariantCulture) : first;
            for (var processor = first; processor <= last; processor++)
            {
                set.Add(processor);
            }
        }

        return set;
    }

    /// <summary>Cumulative clock ticks: busy and all on the allowed processors, and this process's own.</summary>
    internal sealed record Snapshot(long BusyTicks, long TotalTicks, long OwnTicks, int Processors);
}
