using System.Runtime.CompilerServices;
using Autoencoders.Native;

namespace Autoencoders.Tests;

internal static class TorchSetup
{
    // Every test may touch TorchSharp, so libtorch is loaded the project's way before any test runs; letting
    // TorchSharp load itself first would bypass the libstdc++ check on Debian 12.
#pragma warning disable CA2255 // The module initializer is the only hook xunit 2 offers before the first test.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void LoadTorch() => Info = TorchRuntime.EnsureLoaded();

    internal static TorchRuntimeInfo Info { get; private set; } = null!;
}
