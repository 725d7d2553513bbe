using System.ComponentModel;
using Autoencoders.Interop;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>Options of the export verb.</summary>
internal sealed class ExportSettings : ThreadSettings
{
    [CommandOption("--checkpoint <DIR>")]
    [Description("The folder a 'train' run saved its checkpoint in.")]
    [DefaultValue("out/train")]
    public string Checkpoint { get; init; } = "out/train";

    [CommandOption("--format <FORMAT>")]
    [Description("pytorch (torch.save's zip archive, read with torch.load(path, weights_only=True)), safetensors, or onnx (the whole detector in one file: scaler, model, score and threshold; docs/onnx.md).")]
    [DefaultValue("pytorch")]
    public string Format { get; init; } = "pytorch";

    [CommandOption("--out <FILE>")]
    [Description("The file to write, e.g. out/pytorch/model.pt (checkpoint.json is written beside it) or out/detector.onnx.")]
    public string? Out { get; init; }

    /// <summary>Whether the whole detector is written as one ONNX file.</summary>
    public bool IsOnnx => Format.Equals("onnx", StringComparison.OrdinalIgnoreCase);

    /// <summary>The PyTorch format named by <see cref="Format"/>; valid after <see cref="Validate"/>, unless <see cref="IsOnnx"/>.</summary>
    public PyTorchFormat FileFormat => Format.Equals("safetensors", StringComparison.OrdinalIgnoreCase) ? PyTorchFormat.Safetensors : PyTorchFormat.PyTorch;

    public override ValidationResult Validate()
    {
        if (base.Validate() is { Successful: false } problem)
        {
            return problem;
        }

        if (!Format.Equals("pytorch", StringComparison.OrdinalIgnoreCase) && !Format.Equals("safetensors", StringComparison.OrdinalIgnoreCase) && !IsOnnx)
        {
            return ValidationResult.Error($"--format '{Format}' is not a format; use pytorch, safetensors or onnx.");
        }

        if (string.IsNullOrWhiteSpace(Out))
        {
            return ValidationResult.Error("--out is required: the file to write, e.g. out/pytorch/model.pt or out/detector.onnx.");
        }

        var extension = Path.GetExtension(Out).ToLowerInvariant();
        if (IsOnnx != (extension == ".onnx"))
        {
            return ValidationResult.Error(IsOnnx
                ? $"--out {Out} does not end in .onnx: name the ONNX file .onnx, as ONNX Runtime, ML.NET and Netron expect."
                : $"--out {Out} names an ONNX file: add --format onnx, or name the weights file .pt or .safetensors.");
        }

        // A .safetensors file holding a zip archive (or the reverse) would fail in PyTorch with a puzzling message.
        return (extension, FileFormat) switch
        {
            (".safetensors", PyTorchFormat.PyTorch) => ValidationResult.Error($"--out {Out} names a safetensors file: add --format safetensors, or name it .pt."),
            (".pt" or ".pth" or ".bin", PyTorchFormat.Safetensors) => ValidationResult.Error($"--out {Out} names a torch.save file: name it .safetensors, or use --format pytorch."),
            _ => ValidationResult.Success(),
        };
    }
}
