using Autoencoders.Interop;
using Autoencoders.Interop.Onnx;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>Writes a checkpoint's weights as a PyTorch state_dict, with its checkpoint.json beside them (docs/pytorch.md), or the whole detector as one ONNX file (docs/onnx.md).</summary>
internal sealed class ExportCommand(IAnsiConsole console) : Command<ExportSettings>
{
    public override int Execute(CommandContext context, ExportSettings settings, CancellationToken cancellationToken)
    {
        settings.LoadTorch(console);
        if (settings.IsOnnx)
        {
            var detector = OnnxExport.Export(settings.Checkpoint, settings.Out!);
            console.WriteLine($"Wrote the detector of {settings.Checkpoint} to {settings.Out} (ONNX, opset {OnnxExport.Opset}): raw input -> code, reconstruction, {detector.Score} score, anomaly above {detector.Threshold}; docs/onnx.md says how to run it.");
            return CliApp.Success;
        }

        var metadata = PyTorchExport.Export(settings.Checkpoint, settings.Out!, settings.FileFormat);
        console.WriteLine($"Wrote the weights of {settings.Checkpoint} to {settings.Out} ({settings.FileFormat.ToString().ToLowerInvariant()}) and the model's description to {metadata}; docs/pytorch.md builds the PyTorch module from it.");
        return CliApp.Success;
    }
}
