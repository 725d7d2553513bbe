using System.Buffers.Binary;
using System.Collections;
using System.IO.Compression;
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

    // How torch.save's legacy format begins: protocol 2, then its magic number 0x1950a86a20f9469cfc6c pickled as a LONG1.
    private static readonly byte[] LegacyMagic = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

    /// <summary>
    /// Replaces <paramref name="model"/>'s weights with those in <paramref name="path"/>, after checking that the file
    /// holds exactly the model's parameters with the model's shapes (the model is unchanged when it does not).
    /// </summary>
    /// <exception cref="DataInputException">The file is missing, unreadable, not a state_dict, or does not fit the model; the message names the parameter.</exception>
    public static void Load(Autoencoder model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
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
        var bytes = IO.UserFile.ReadAllBytes(path, "give the .safetensors or .pt file the PyTorch model's state_dict was saved to");
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
                $"{path} is not a PyTorch state_dict that can be read safely (it names Python objects other than tensors, or is damaged): save the weights with safetensors' save_file(model.state_dict(), path) or torch.save(model.state_dict(), path).",
                error);
        }

        throw new DataInputException(bytes.AsSpan().StartsWith(LegacyMagic)
            ? $"{path} was written by torch.save in the legacy format (_use_new_zipfile_serialization=False): save it again with torch.save's default, or as safetensors."
            : bytes.Length >= 2 && bytes[0] == 0x80
            ? $"{path} is a bare Python pickle, not a torch.save archive: save the weights with torch.save(model.state_dict(), path) or safetensors' save_file(model.state_dict(), path)."
            : $"{path} is neither a safetensors file nor a torch.save archive: save the weights with safetensors' save_file(model.state_dict(), path) or torch.save(model.state_dict(), path).");
    }

    private static Dictionary<string, Tensor> ReadTorchSave(byte[] bytes, string path)
    {
        CheckPickles(bytes, path);
        var table = PyTorchUnpickler.UnpickleStateDict(new MemoryStream(bytes, writable: false));
        var weights = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            weights.Add((string)entry.Key, entry.Value as Tensor
                ?? throw new DataInputException($"{path}: {entry.Key} is not a tensor: save model.state_dict(), not a dict of other things."));
        }

        return weights;
    }

    // The unpickler allocates every length a pickle states before it reads the bytes: check them against the file first.
    private static void CheckPickles(byte[] bytes, string path)
    {
        using var archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        foreach (var entry in archive.Entries.Where(entry => entry.FullName.EndsWith(".pkl", StringComparison.Ordinal)))
        {
            // torch.save stores its entries uncompressed; a claim beyond the file's size is a forged or bomb entry.
            if (entry.Length > bytes.Length)
            {
                throw new DataInputException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{path}: {entry.FullName} claims {entry.Length:N0} bytes in a file of {bytes.Length:N0}: the file is damaged or forged."));
            }

            var pickle = new byte[entry.Length];
            using (var stream = entry.Open())
            {
                stream.ReadAtLeast(pickle, pickle.Length, throwOnEndOfStream: false);
            }

            PickleLengths.Check(pickle, $"{path} ({entry.FullName})");
        }
    }

    private static int? ElementBytes(string? dtype) => dtype switch
    {
        "F64" or "I64" or "U64" => 8,
        "F32" or "I32" or "U32" => 4,
        "F16" or "BF16" or "I16" or "U16" => 2,
        "I8" or "U8" or "BOOL" => 1,
        _ => null,
    };

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
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in header.RootElement.EnumerateObject().Where(entry => entry.Name != "__metadata__"))
            {
                // JSON readers keep the last of two equal keys: the file would hold two tensors and load one, silently.
                if (!names.Add(entry.Name))
                {
                    throw new DataInputException($"{path}: the tensor {Listing.Clip(entry.Name, Listing.NameLength)} is named twice in the header: the file is damaged or forged.");
                }

                var offsets = entry.Value.GetProperty("data_offsets");
                if (offsets.GetArrayLength() != 2 || offsets[0].GetInt64() is var start && offsets[1].GetInt64() is var end && (start < 0 || end < start || end > dataLength))
                {
                    throw new DataInputException($"{path}: the data of {Listing.Clip(entry.Name, Listing.NameLength)} lie outside the file: the file is cut short or damaged.");
                }

                // The reader allocates the shape's size and copies the offsets' bytes into it: the two must agree.
                if (entry.Value.TryGetProperty("shape", out var shape) && entry.Value.TryGetProperty("dtype", out var dtype)
                    && ElementBytes(dtype.GetString()) is { } elementBytes
                    && shape.EnumerateArray().Aggregate((double)elementBytes, (product, size) => product * size.GetDouble()) != offsets[1].GetInt64() - offsets[0].GetInt64())
                {
                    throw new DataInputException($"{path}: the shape {Listing.Clip(shape.GetRawText(), Listing.NameLength)} of {Listing.Clip(entry.Name, Listing.NameLength)} does not match the {offsets[1].GetInt64() - offsets[0].GetInt64()} bytes its offsets give: the file is damaged or forged.");
                }
            }
        }

        return Safetensors.LoadStateDict(new MemoryStream(bytes, writable: false));
    }
}
