using static TorchSharp.torch;

namespace Autoencoders.Training;

/// <summary>Turns a device name into a TorchSharp device, explaining what is missing when CUDA is asked for.</summary>
public static class Devices
{
    /// <summary>"cpu" or "cuda"; throws <see cref="ArgumentException"/> when CUDA is not available.</summary>
    public static Device Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "cpu" => CPU,
            "cuda" when cuda.is_available() => CUDA,
            "cuda" => throw new ArgumentException(
                "device \"cuda\" was requested but CUDA is not available: this build references TorchSharp-cpu. " +
                "Reference a CUDA build of TorchSharp (see README, Devices) on a machine with an NVIDIA GPU, or use \"cpu\".", nameof(name)),
            _ => throw new ArgumentException($"unknown device \"{name}\": use \"cpu\" or \"cuda\".", nameof(name)),
        };
    }
}
