using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;

namespace Autoencoders.Native;

/// <summary>
/// Loads TorchSharp's native libraries once per process, first making them loadable where they would not be.
/// Every entry point of the library, the CLI, the tests and the notebooks' first cell go through
/// <see cref="EnsureLoaded"/>; see the README's troubleshooting section for the reasons.
/// </summary>
public static class TorchRuntime
{
    /// <summary>The libtorch version that the referenced TorchSharp-cpu package ships.</summary>
    public const string ExpectedLibTorchVersion = "2.10.0";

    private static readonly Lock Gate = new();
    private static TorchRuntimeInfo? _loaded;
    private static ThreadChoice? _threads;

    [ThreadStatic]
    private static int _threadsAppliedHere;

    /// <summary>
    /// Makes sure libtorch is loaded, from TorchSharp's own package, and returns where it came from.
    /// Safe to call any number of times from any thread.
    /// </summary>
    /// <param name="threads">
    /// How many threads libtorch computes with (see <see cref="UseThreads"/>). On the first call, null means the
    /// <c>OMP_NUM_THREADS</c> environment variable if set, else one thread per core that no other program keeps busy;
    /// on later calls, null keeps the current choice.
    /// </param>
    /// <exception cref="TorchRuntimeException">The native libraries cannot be loaded; the message says why and what to do.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is less than 1.</exception>
    public static TorchRuntimeInfo EnsureLoaded(int? threads = null)
    {
        if (threads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threads), threads, $"the thread count must be at least 1 (got {threads}).");
        }

        lock (Gate)
        {
            if (_loaded is { } loaded)
            {
                if (threads is { } count)
                {
                    Apply(ThreadPolicy.Requested(count, "asked for"));
                }

                return loaded;
            }

            var before = threads is null && ThreadPolicy.FromEnvironment() is null ? CpuLoad.Read() : null;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            _loaded = Load();
            Apply(threads is { } asked ? ThreadPolicy.Requested(asked, "asked for")
                : ThreadPolicy.FromEnvironment() is { } fromEnvironment ? ThreadPolicy.Requested(fromEnvironment, "OMP_NUM_THREADS")
                : Automatic(before, clock.Elapsed));
            return _loaded;
        }
    }

    /// <summary>The thread count libtorch computes with, and why; loads libtorch first if needed.</summary>
    public static ThreadChoice Threads
    {
        get
        {
            EnsureLoaded();
            lock (Gate)
            {
                return _threads!;
            }
        }
    }

    /// <summary>
    /// Sets how many threads libtorch computes with from now on, for the whole process; null chooses again
    /// automatically (one per core not busy with other programs, sampled now for a moment). The count decides the
    /// last bits of every result, so the same seed gives bit-identical results only with the same count: it is
    /// recorded in checkpoints and metrics.json. Fewer threads than cores help on a machine busy with other work.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is less than 1.</exception>
    public static ThreadChoice UseThreads(int? threads)
    {
        if (threads is { } count)
        {
            EnsureLoaded(count);
            return Threads;
        }

        EnsureLoaded();
        var before = CpuLoad.Read();
        var choice = Automatic(before, TimeSpan.Zero);
        lock (Gate)
        {
            Apply(choice);
            return choice;
        }
    }

    /// <summary>
    /// Makes the calling thread compute with the chosen count: libtorch and MKL keep the count per thread, so
    /// work handed to another thread (a notebook cell, a task) would otherwise keep an earlier setting.
    /// </summary>
    internal static void ApplyThreadsToCurrentThread()
    {
        var count = Threads.Count;
        if (_threadsAppliedHere != count)
        {
            torch.set_num_threads(count);
            _threadsAppliedHere = count;
        }
    }

    private static ThreadChoice Automatic(CpuLoad.Snapshot? before, TimeSpan alreadySampled)
    {
        if (before is null)
        {
            return ThreadPolicy.Automatic(Environment.ProcessorCount, null);
        }

        // Two windows, and the lower reading: a program that keeps a core busy shows in both, a moment's work (a build
        // tool finishing, a shell starting) in one at most.
        if (alreadySampled < ThreadPolicy.SampleTime)
        {
            Thread.Sleep(ThreadPolicy.SampleTime - alreadySampled);
        }

        var middle = CpuLoad.Read();
        Thread.Sleep(ThreadPolicy.SampleTime);
        var after = CpuLoad.Read();
        var busy = middle is null || after is null ? (double?)null
            : Math.Min(CpuLoad.OtherBusyCores(before, middle), CpuLoad.OtherBusyCores(middle, after));
        return ThreadPolicy.Automatic(Environment.ProcessorCount, busy);
    }

    // Called under the gate. torch.set_num_threads also turns MKL's dynamic thread count off, so the count holds.
    private static void Apply(ThreadChoice choice)
    {
        torch.set_num_threads(choice.Count);
        _threadsAppliedHere = choice.Count;
        _threads = choice;
    }

    private static TorchRuntimeInfo Load()
    {
        // Only the assembly's path is read here: touching a TorchSharp type would start its native load.
        var torchSharpPath = typeof(torch).Assembly.Location;
        CompatibilityResult? compatibility = null;
        string? libTorchFolder = null;
        MallocTuning.Apply();
        if (OperatingSystem.IsLinux())
        {
            (compatibility, libTorchFolder) = PrepareLinux(torchSharpPath);
        }

        string reportedVersion;
        try
        {
            reportedVersion = InitializeTorchSharp();
        }
        catch (Exception error) when (error is not TorchRuntimeException)
        {
            throw new TorchRuntimeException(
                $"TorchSharp could not load libtorch: {FirstLine(error)} {ShadowingAdvice(libTorchFolder)}".TrimEnd(), error);
        }

        var info = new TorchRuntimeInfo(
            TorchSharpVersion: NativeLocations.TorchSharpVersion(torchSharpPath),
            LibTorchVersion: reportedVersion,
            LibTorchPath: LoadedLibraries.Find(NativeLocations.LibTorchFileName),
            WrapperPath: LoadedLibraries.Find(NativeLocations.WrapperFileName),
            Compatibility: compatibility);
        VerifyLibTorchOrigin(libTorchFolder);
        return info;
    }

    private static (CompatibilityResult? Result, string? LibTorchFolder) PrepareLinux(string torchSharpPath)
    {
        if (MissingBackend(torchSharpPath, NativeLocations.HostFolders()) is { } missing)
        {
            throw new TorchRuntimeException(missing);
        }

        var wrapperFolder = NativeLocations.FolderContaining(NativeLocations.WrapperFileName, torchSharpPath, ExpectedLibTorchVersion);
        var libTorchFolder = NativeLocations.FolderContaining(NativeLocations.LibTorchFileName, torchSharpPath, ExpectedLibTorchVersion);
        if (wrapperFolder is null || libTorchFolder is null)
        {
            // Leave the search to TorchSharp, whose own error names the missing package.
            return (null, libTorchFolder);
        }

        var wrapper = Path.Combine(wrapperFolder, NativeLocations.WrapperFileName);
        CompatibilityResult? result = null;
        if (SystemLibStdCxx() is { } libStdCxx)
        {
            try
            {
                result = LibStdCxxCompatibility.EnsureCompatible(wrapper, LibStdCxxCompatibility.VersionsDefinedBy(libStdCxx));
            }
            catch (UnauthorizedAccessException error)
            {
                throw new TorchRuntimeException(
                    $"{wrapper} must be patched to load with this system's libstdc++ ({libStdCxx}), but it is read-only: " +
                    "make it writable for this user, or run once as a user who can write it.", error);
            }
        }

        // Loading libtorch by full path first means a libtorch elsewhere on the system (Debian's libtorch-dev)
        // can never be picked up by name when the wrapper's dependencies are resolved.
        foreach (var name in new[] { "libc10.so", NativeLocations.LibTorchFileName, "libtorch.so", })
        {
            var path = Path.Combine(libTorchFolder, name);
            if (File.Exists(path))
            {
                LoadNative(path);
            }
        }

        LoadNative(wrapper);
        return (result, libTorchFolder);
    }

    /// <summary>
    /// Null when an app's own folders hold libtorch, or when TorchSharp runs from the NuGet packages folder (a notebook
    /// kernel, whose <c>#r "nuget: TorchSharp-cpu"</c> puts libtorch there too); otherwise the one-line reason.
    /// </summary>
    /// <remarks>
    /// The library references TorchSharp without a backend, so an app that forgets one still finds a libtorch in the
    /// machine's NuGet cache: it would work on the developer's machine and fail wherever it is deployed. Refusing here
    /// makes it fail the same way everywhere.
    /// </remarks>
    internal static string? MissingBackend(string torchSharpPath, IEnumerable<string> hostFolders)
    {
        if (NativeLocations.IsInPackagesFolder(torchSharpPath))
        {
            return null;
        }

        var folders = NativeLocations.AppFolders(torchSharpPath, hostFolders).Distinct(StringComparer.Ordinal).ToList();
        return folders.Any(folder => File.Exists(Path.Combine(folder, NativeLocations.LibTorchFileName)))
            ? null
            : $"TorchSharp has no native backend: {NativeLocations.LibTorchFileName} is in none of {string.Join(", ", folders)}; " +
              $"reference the TorchSharp-cpu package (version {NativeLocations.TorchSharpVersion(torchSharpPath)}, or a TorchSharp CUDA package) in the project that runs this code.";
    }

    private static void LoadNative(string path)
    {
        try
        {
            NativeLibrary.Load(path);
        }
        catch (DllNotFoundException error)
        {
            throw new TorchRuntimeException($"Cannot load {path}: {FirstLine(error)}", error);
        }
    }

    private static string? SystemLibStdCxx()
    {
        if (LoadedLibraries.Find("libstdc++.so.6") is { } loaded)
        {
            return loaded;
        }

        return NativeLibrary.TryLoad("libstdc++.so.6", out _) ? LoadedLibraries.Find("libstdc++.so.6") : null;
    }

    // Kept apart and never inlined so that TorchSharp's static constructor runs only after the preparation.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string InitializeTorchSharp()
    {
        torch.InitializeDeviceType(DeviceType.CPU);
        return torch.__version__;
    }

    private static void VerifyLibTorchOrigin(string? expectedFolder)
    {
        if (expectedFolder is null)
        {
            return;
        }

        var expected = Path.GetFullPath(Path.Combine(expectedFolder, NativeLocations.LibTorchFileName));
        var foreign = LoadedLibraries.Named(NativeLocations.LibTorchFileName)
            .Where(path => !string.Equals(Path.GetFullPath(path), expected, StringComparison.Ordinal))
            .ToList();
        if (foreign.Count > 0)
        {
            throw new TorchRuntimeException(
                $"A second libtorch was loaded from {string.Join(", ", foreign)} besides TorchSharp's {expected}. {ShadowingAdvice(expectedFolder)}");
        }
    }

    private static string ShadowingAdvice(string? libTorchFolder) =>
        File.Exists("/usr/lib/x86_64-linux-gnu/libtorch_cpu.so")
            ? "Debian's libtorch (/usr/lib/x86_64-linux-gnu/libtorch_cpu.so) can shadow TorchSharp's: remove it with " +
              "'apt-get remove libtorch-dev', or start with LD_LIBRARY_PATH=" + (libTorchFolder ?? "<TorchSharp's native folder>") + "."
            : "";

    private static string FirstLine(Exception error) =>
        error.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? error.GetType().Name;
}

/// <summary>Where the loaded native libraries came from.</summary>
/// <param name="TorchSharpVersion">The TorchSharp package version, e.g. <c>0.107.0</c>.</param>
/// <param name="LibTorchVersion">The libtorch version TorchSharp reports, e.g. <c>2.10.0</c>.</param>
/// <param name="LibTorchPath">The loaded <c>libtorch_cpu</c> file (Linux only; null elsewhere).</param>
/// <param name="WrapperPath">The loaded <c>libLibTorchSharp</c> file (Linux only; null elsewhere).</param>
/// <param name="Compatibility">What the libstdc++ check did (Linux only; null elsewhere or when not run).</param>
public sealed record TorchRuntimeInfo(
    string TorchSharpVersion,
    string LibTorchVersion,
    string? LibTorchPath,
    string? WrapperPath,
    CompatibilityResult? Compatibility);

/// <summary>TorchSharp's native libraries could not be loaded; the message says why and how to fix it.</summary>
public sealed class TorchRuntimeException : Exception
{
    /// <summary>Creates the exception with a one-line explanation.</summary>
    public TorchRuntimeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line explanation and its cause.</summary>
    public TorchRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public TorchRuntimeException()
    {
    }
}
