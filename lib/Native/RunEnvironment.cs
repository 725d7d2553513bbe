using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Autoencoders.Native;

/// <summary>
/// What decides the last bits of a result besides the seed: the versions, libtorch's thread count and the CPU
/// kernels it dispatches to. Recorded in checkpoints and metrics.json, so two results can be told apart by cause.
/// </summary>
/// <param name="Library">This library's version.</param>
/// <param name="TorchSharp">The TorchSharp package version.</param>
/// <param name="LibTorch">The libtorch version.</param>
/// <param name="Threads">libtorch's thread count.</param>
/// <param name="CpuCapability">The vector instruction set libtorch's kernels use: <c>avx512</c>, <c>avx2</c> or <c>default</c>
/// (libtorch's own rule: the <c>ATEN_CPU_CAPABILITY</c> environment variable, else the best the CPU supports).</param>
/// <param name="Cpu">The processor's model name, where the OS tells it.</param>
/// <param name="OperatingSystem">The OS description, e.g. <c>Debian GNU/Linux 12 (bookworm)</c>.</param>
/// <param name="DotNet">The .NET runtime, e.g. <c>.NET 10.0.0</c>.</param>
public sealed record RunEnvironment(
    string Library,
    string TorchSharp,
    string LibTorch,
    int Threads,
    string CpuCapability,
    string? Cpu,
    string OperatingSystem,
    string DotNet)
{
    /// <summary>The environment of this process now (loads libtorch if needed).</summary>
    public static RunEnvironment Current()
    {
        var runtime = TorchRuntime.EnsureLoaded();
        return new RunEnvironment(
            LibraryVersion,
            runtime.TorchSharpVersion,
            runtime.LibTorchVersion,
            TorchRuntime.Threads.Count,
            CurrentCpuCapability(Environment.GetEnvironmentVariable("ATEN_CPU_CAPABILITY")),
            CpuModel(),
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription);
    }

    /// <summary>This library's version (without the source revision).</summary>
    public static string LibraryVersion { get; } =
        typeof(RunEnvironment).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>The capability libtorch 2.10 dispatches to, by its own rule (aten/src/ATen/native/DispatchStub.cpp).</summary>
    internal static string CurrentCpuCapability(string? requested)
    {
        var best = Avx512F.VL.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported && Fma.IsSupported ? "avx512"
            : Avx2.IsSupported && Fma.IsSupported ? "avx2"
            : "default";
        return requested switch
        {
            "default" => "default",
            "avx2" => "avx2",
            "avx512" => "avx512",
            _ => best,
        };
    }

    private static string? CpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo))
        {
            return null;
        }

        var line = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
