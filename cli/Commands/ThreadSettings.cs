using System.ComponentModel;
using Autoencoders.Native;
using Autoencoders.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>The --threads option of every verb that trains or evaluates, and the one place that loads libtorch with it.</summary>
internal class ThreadSettings : CommandSettings
{
    private static int _announced;

    [CommandOption("--threads <N>")]
    [Description("Threads libtorch computes with (default: one per core not busy with other programs, chosen at start). The same seed gives bit-identical results with the same thread count.")]
    public int? Threads { get; init; }

    [CommandOption("--device <DEVICE>")]
    [Description("Where models run: auto (CUDA when this build and machine have it, else the CPU), cpu, cuda or cuda:N. CUDA needs TorchSharp-cuda-linux or -windows instead of TorchSharp-cpu.")]
    [DefaultValue(Devices.Auto)]
    public string Device { get; init; } = Devices.Auto;

    public override ValidationResult Validate() => Threads is < 1
        ? ValidationResult.Error($"--threads must be at least 1 (got {Threads}).")
        : Threads > ThreadChoice.Maximum
        ? ValidationResult.Error(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"--threads {Threads} is more than {ThreadChoice.Maximum}, 4 per core of this machine's {Environment.ProcessorCount}: more threads than cores only wait for each other (1,000 made an epoch 220 times slower on 2 cores); leave --threads out to use one per free core."))
        : !Devices.IsName(Device) ? ValidationResult.Error($"--device '{Device}' is not a device; use auto, cpu, cuda or cuda:N.")
        : ValidationResult.Success();

    /// <summary>Loads libtorch with these settings' thread count and says once per process what was chosen.</summary>
    public void LoadTorch(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        TorchRuntime.EnsureLoaded(Threads);
        var device = Devices.Prefer(Device);
        if (Interlocked.Exchange(ref _announced, 1) == 0)
        {
            console.WriteLine(TorchRuntime.Threads.ToString());
        }

        // Said when chosen or not the CPU: the CPU by default is what nobody needs to be told.
        if (device.type != TorchSharp.DeviceType.CPU || Device != Devices.Auto)
        {
            console.WriteLine($"device: {device}");
        }
    }
}
