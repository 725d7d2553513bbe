using System.Buffers.Binary;
using System.Collections;
using System.Text.Json;
using Autoencoders.Data;
using Autoencoders.Models;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Autoencoders.Interop;

/// <summary>
/// Loads weights trained in PyTorch into a model built by <see cref="ModelFactory"/>: a <c>state_dict</c> of the PyTorch
/// modules in docs/pytorch.md, saved as safetensors (preferred) or with <c>torch.save</c>. Loading never runs code from
/// the file: safetensors holds only data, and a <c>torch.save</c> archive is read by PyBridge's .NET unpickler, which maps
/// the few Python names a <c>state_dict</c> uses (an ordered dict, tensor storages) to fixed .NET constructors and refuses
/// any other callable; it has no way to call Python.
/// </summary>
public static class PyTorchImport
{
    private const int ZipSignature = 0x04034b50;

    /// <summary>
    /// Replaces <paramref name="model"/>'s weights with those in <paramref name="path"/>, after checking that the file
    /// holds exactly the model's parameters with the model's shapes (the model is unchanged when it does not).
    /// </summary>
    /// <exception cref="DataInputException">The file is missing, unreadable, not a state_dict, or does not fit the model; the message names the parameter.</exception>
    public static void Load(Autoencoder model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new DataInputException($"{path}: no such file: give the .safetensors or .pt file the PyTorch model's state_dict was saved to.");
        }

        using var scope = NewDisposeScope();
        var weights = Read(path);
        var parameters = model.state_dict();
        var kind = model.Options.Kind.ToString().ToLowerInvariant();
        // Names before shapes, in a fixed order: a torch.save file's keys come back in hash order, and a file of another
        // kind of model is better told as such than by the first of its shapes that happens to differ.
        var renamed = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var name in weights.Keys.Order(StringComparer.Ordinal))
        {
            if (PyTorchNames.ToTorchSharp(name) is not { } field || !parameters.ContainsKey(field))
            {
                throw new DataInputException(
                    $"{path}: {name} is not a parameter of this {kind} model (it has {string.Join(", ", parameters.Keys.Select(PyTorchNames.ToPyTorch))}): build the PyTorch module from the same checkpoint.json model section (docs/pytorch.md).");
            }

            renamed.Add(field, weights[name]);
        }

        if (parameters.Keys.FirstOrDefault(field => !renamed.ContainsKey(field)) is { } missing)
        {
            throw new DataInputException(
                $"{path}: no {PyTorchNames.ToPyTorch(missing)} (shape {Shape(parameters[missing])}) in the file: this {kind} model needs it; build the PyTorch module from the same checkpoint.json model section (docs/pytorch.md).");
        }

        foreach (var (field, parameter) in parameters)
        {
            var tensor = renamed[field];
            var name = PyTorchNames.ToPyTorch(field);
            if (!tensor.shape.SequenceEqual(parameter.shape))
            {
                throw new DataInputException(
                    $"{path}: {name} has shape {Shape(tensor)} in the file but {Shape(parameter)} in this {kind} model: train with the same sizes (latent, hidden, channels, kernel) and input shape.");
            }

            if (!is_floating_point(tensor))
            {
                throw new DataInputException($"{path}: {name} holds {tensor.dtype} values, not floating-point weights.");
            }

            renamed[field] = tensor.to(parameter.dtype);
        }

        model.load_state_dict(renamed);
    }

    private static string Shape(Tensor tensor) => $"[{string.Join(", ", tensor.shape)}]";

    // The whole file is read once, so that a file replaced while it is read cannot mix two versions.
    private static Dictionary<string, Tensor> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        try
        {
            if (bytes.Length >= 4 && BinaryPrimitives.ReadInt32LittleEndian(bytes) == ZipSignature)
            {
                return ReadTorchSave(bytes, path);
            }

            if (bytes.Length >= 9 && bytes[8] == (byte)'{')
            {
                return ReadSafetensors(bytes, path);
            }
        }
        catch (Exception error) when (error is not (DataInputException or OutOfMemoryException))
        {
            // A damaged or hostile file can make the third-party parsers fail anywhere, with any exception type.
            throw new DataInputException(
                $"{path} is not a PyTorch state_dict that can be read safely ({error.GetType().Name}: {error.Message.Split('\n')[0]}): save the weights with safetensors' save_file(model.state_dict(), path) or torch.save(model.state_dict(), path).",
                error);
        }

        var legacy = bytes.Length >= 2 && bytes[0] == 0x80;
        throw new DataInputException(legacy
            ? $"{path} was written by torch.save in the legacy format (_use_new_zipfile_serialization=False): save it again with torch.save's default, or as safetensors."
            : $"{path} is neither a safetensors file nor a torch.save archive: save the weights with safetensors' save_file(model.state_dict(), path) or torch.save(model.state_dict(), path).");
    }

    private static Dictionary<string, Tensor> ReadTorchSave(byte[] bytes, string path)
    {
        var table = PyTorchUnpickler.UnpickleStateDict(new MemoryStream(bytes, writable: false));
        var weights = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            weights.Add((string)entry.Key, entry.Value as Tensor
                ?? throw new DataInputException($"{path}: {entry.Key} is not a tensor: save model.state_dict(), not a dict of other things."));
        }

        return weights;
    }

    private static Dictionary<string, Tensor> ReadSafetensors(byte[] bytes, string path)
    {
        // PyBridge trusts the header's offsets; a file cut short or lying about them is refused here first.
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > (ulong)(bytes.Length - 8))
        {
            throw new DataInputException($"{path}: the safetensors header claims {headerLength} bytes but the file has {bytes.Length}: the file is cut short.");
        }

        var dataLength = bytes.Length - 8 - (long)headerLength;
        using (var header = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength)))
        {
            foreach (var entry in header.RootElement.EnumerateObject().Where(entry => entry.Name != "__metadata__"))
            {
                var offsets = entry.Value.GetProperty("data_offsets");
                if (offsets.GetArrayLength() != 2 || offsets[0].GetInt64() is var start && offsets[1].GetInt64() is var end && (start < 0 || end < start || end > dataLength))
                {
                    throw new DataInputException($"{path}: the data of {entry.Name} lie outside the file: the file is cut short or damaged.");
                }
            }
        }

        return Safetensors.LoadStateDict(new MemoryStream(bytes, writable: false));
    }
}
