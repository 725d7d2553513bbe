using System.Globalization;
using System.Runtime.InteropServices;

namespace Autoencoders.Native;

/// <summary>
/// Raises glibc's malloc thresholds once per process, when libtorch is loaded (Linux with glibc only).
/// </summary>
/// <remarks>
/// glibc hands memory back to the kernel as soon as the free space at the top of its heap exceeds twice the largest
/// block freed so far, and serves blocks above a threshold that starts at 128 KiB straight from the kernel. A training
/// step's activations (a few MB each) were thus often returned after one step and page-faulted in again at the next,
/// until some larger block happened to raise both limits: conv training on 8,192 Fashion-MNIST images in a fresh
/// process took ~420,000 page faults per epoch and ran at 6,200 samples/s, against under 5,000 and 11,100 samples/s
/// with the thresholds raised; in <c>train</c> the first conv epoch took 11.7 s instead of 6.3–6.8 s (2-core EPYC,
/// docs/bench.md). Settings the user made through glibc's own environment variables win: then nothing is changed.
/// </remarks>
public static class MallocTuning
{
    /// <summary>Blocks up to this size come from the heap (glibc's largest allowed value on 64-bit systems).</summary>
    public const int MmapThresholdBytes = 32 << 20;

    /// <summary>Free memory at the top of the heap up to this size is kept for the next step.</summary>
    public const int TrimThresholdBytes = 256 << 20;

    private const int TrimThresholdParameter = -1;
    private const int MmapThresholdParameter = -3;

    private static readonly string[] UserSettings =
        ["MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_MMAP_MAX_"];

    /// <summary>Whether the thresholds were raised in this process.</summary>
    public static bool Applied { get; private set; }

    /// <summary>What was done and why, e.g. "raised: mmap threshold 32 MiB, trim threshold 256 MiB"; "not yet" before libtorch is loaded.</summary>
    public static string Status { get; private set; } = "not yet: libtorch is not loaded";

    /// <summary>Raises the thresholds unless the user set malloc's or this is not glibc; called once, when libtorch is loaded.</summary>
    internal static void Apply()
    {
        if (!OperatingSystem.IsLinux())
        {
            Status = "unchanged: not Linux";
            return;
        }

        if (UserSetting() is { } setting)
        {
            Status = $"unchanged: {setting} is set";
            return;
        }

        try
        {
            // mallopt returns 1 on success. Setting either threshold turns off glibc's own adjustment of both.
            var mmap = mallopt(MmapThresholdParameter, MmapThresholdBytes) == 1;
            var trim = mallopt(TrimThresholdParameter, TrimThresholdBytes) == 1;
            Applied = mmap && trim;
            Status = Applied
                ? string.Create(CultureInfo.InvariantCulture, $"raised: mmap threshold {MmapThresholdBytes >> 20} MiB, trim threshold {TrimThresholdBytes >> 20} MiB")
                : "unchanged: mallopt refused the values";
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            Status = "unchanged: the C library is not glibc";
        }
    }

    private static string? UserSetting() =>
        UserSettings.FirstOrDefault(name => Environment.GetEnvironmentVariable(name) is not null)
        ?? (Environment.GetEnvironmentVariable("GLIBC_TUNABLES")?.Contains("glibc.malloc.", StringComparison.Ordinal) == true ? "GLIBC_TUNABLES" : null);

    [DllImport("libc.so.6", ExactSpelling = true)]
    private static extern int mallopt(int parameter, int value);
}
