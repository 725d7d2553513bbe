using System.Text.Json;
using Autoencoders.Checkpoints;
using Autoencoders.Data;
using Autoencoders.IO;
using Autoencoders.Models;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Autoencoders.Interop;

/// <summary>
/// Writes a model's weights as a PyTorch <c>state_dict</c>: the parameter names of the PyTorch modules in
/// docs/pytorch.md (<see cref="PyTorchNames"/>) and PyTorch's layouts (TorchSharp's are the same: a linear weight is
/// <c>(out, in)</c>, a convolution's <c>(out, in, k…)</c>, a transposed convolution's <c>(in, out, k…)</c>).
/// </summary>
public static class PyTorchExport
{
    /// <summary>The file written beside the weights: the checkpoint's metadata, whose <c>model</c> section builds the PyTorch module.</summary>
    public const string MetadataFileName = Checkpoint.MetadataFileName;

    /// <summary>Writes <paramref name="model"/>'s weights to <paramref name="path"/> (replaced whole, never half-written).</summary>
    public static void Save(Autoencoder model, string path, PyTorchFormat format) => Save(model, path, format, beforeRename: null);

    // beforeRename runs once the weights are written in full and before they take their name: a file written beside
    // them there (the metadata) exists whenever the weights do.
    private static void Save(Autoencoder model, string path, PyTorchFormat format, Action? beforeRename)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var scope = NewDisposeScope();
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in model.state_dict())
        {
            state.Add(PyTorchNames.ToPyTorch(name), tensor.detach().cpu().contiguous());
        }

        AtomicFile.Write(path, temporary =>
        {
            using var stream = File.Create(temporary);
            if (format == PyTorchFormat.Safetensors)
            {
                Safetensors.SaveStateDict(stream, state, leaveOpen: true);
            }
            else
            {
                PyTorchPickler.PickleStateDict(stream, state, leaveOpen: true);
            }

            stream.Dispose();
            beforeRename?.Invoke();
        });
    }

    /// <summary>
    /// Writes the weights of the checkpoint in <paramref name="checkpointFolder"/> to <paramref name="path"/>, and its
    /// <c>checkpoint.json</c> beside it (the metadata that was read with those weights).
    /// </summary>
    /// <returns>The path of the metadata file written.</returns>
    /// <exception cref="DataInputException">The checkpoint cannot be loaded, or <paramref name="path"/> would overwrite part of it.</exception>
    public static string Export(string checkpointFolder, string path, PyTorchFormat format)
    {
        ArgumentException.ThrowIfNullOrEmpty(checkpointFolder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)!;
        var metadataPath = Path.Combine(folder, MetadataFileName);
        if (Path.GetFileName(fullPath) == MetadataFileName)
        {
            throw new DataInputException($"{path}: the export writes {MetadataFileName} beside the weights itself: name the weights file otherwise, e.g. model.pt.");
        }

        // The checkpoint's own metadata would be rewritten without the checkpoint's lock, and its folder would then hold
        // a file that Checkpoint.Save does not expect.
        if (string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(checkpointFolder)), Path.TrimEndingDirectorySeparator(folder), StringComparison.Ordinal))
        {
            throw new DataInputException($"{path} is inside the checkpoint folder {checkpointFolder}: export into another folder.");
        }

        using var loaded = Checkpoint.Load(checkpointFolder);
        var metadata = JsonSerializer.Serialize(loaded.Metadata, Checkpoint.JsonOptions);
        Save(loaded.Model, fullPath, format, () => AtomicFile.WriteAllText(metadataPath, metadata));
        return metadataPath;
    }
}
