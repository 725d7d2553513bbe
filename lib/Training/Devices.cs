using System.Globalization;
using static TorchSharp.torch;

namespace Autoencoders.Training;

/// <summary>
/// Where models run: <c>cpu</c>, <c>cuda</c> (the first GPU), <c>cuda:N</c>, or <c>auto</c>, which is the device a
/// program chose with <see cref="Prefer"/> (the CLI's <c>--device</c>) or else, like Keras, CUDA when this build and
/// machine have it and the CPU otherwise. Asking for CUDA where it is not available is a
/// <see cref="DeviceUnavailableException"/> that names the package to reference.
/// </summary>
public static class Devices
{
    /// <summary>The device name that defers to <see cref="Prefer"/> or to what is available.</summary>
    public const string Auto = "auto";

    private static Device? _preferred;

    /// <summary>Whether <paramref name="name"/> is a device name: <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public static bool IsName(string? name) => name is Auto or "cpu" or "cuda" || CudaIndex(name) is not null;

    /// <summary>Makes <paramref name="name"/> the device <c>auto</c> means in this process, and returns it.</summary>
    /// <exception cref="DeviceUnavailableException">CUDA was asked for and is not available.</exception>
    public static Device Prefer(string name)
    {
        _preferred = null;
        var device = Resolve(name);

        // auto stays auto: what is available, decided at each use.
        _preferred = name == Auto ? null : device;
        return device;
    }

    /// <summary>The device <paramref name="name"/> means here and now.</summary>
    /// <exception cref="ArgumentException">Not a device name.</exception>
    /// <exception cref="DeviceUnavailableException">CUDA was asked for and is not available.</exception>
    public static Device Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name == Auto)
        {
            return _preferred ?? (cuda.is_available() ? CUDA : CPU);
        }

        if (name == "cpu")
        {
            return CPU;
        }

        var index = name == "cuda" ? 0 : CudaIndex(name) ?? throw new ArgumentException($"unknown device \"{name}\": use auto, cpu, cuda or cuda:N.", nameof(name));
        if (!cuda.is_available())
        {
            throw new DeviceUnavailableException(
                $"device {name} was asked for, but CUDA is not available here: this program references TorchSharp-cpu. Reference TorchSharp-cuda-linux " +
                "(or TorchSharp-cuda-windows) instead, on a machine with an NVIDIA GPU and its driver (README, CPU or CUDA), or use --device cpu");
        }

        var count = cuda.device_count();
        return index < count
            ? new Device(TorchSharp.DeviceType.CUDA, index)
            : throw new DeviceUnavailableException(string.Create(CultureInfo.InvariantCulture,
                $"device {name} was asked for, but this machine has {count} CUDA device(s), cuda:0 to cuda:{count - 1}"));
    }

    /// <summary>The device a model's weights are on (the CPU for a model without parameters).</summary>
    public static Device Of(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var first = module.parameters().FirstOrDefault();
        return first?.device ?? CPU;
    }

    private static int? CudaIndex(string? name) =>
        name is not null && name.StartsWith("cuda:", StringComparison.Ordinal)
        && int.TryParse(name.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
}

/// <summary>A device was asked for that this build or machine does not have; the message says what to reference or use instead.</summary>
public sealed class DeviceUnavailableException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public DeviceUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public DeviceUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public DeviceUnavailableException()
    {
    }
}
