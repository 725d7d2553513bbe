using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Autoencoders.Data;
using Autoencoders.Models;
using Autoencoders.Native;
using Autoencoders.Training;

namespace Autoencoders.Checkpoints;

/// <summary>
/// Saves and loads a trained model as a folder: <c>model.bin</c> (TorchSharp weights), <c>optimizer.bin</c>
/// (Adam's state, for resuming) and <c>checkpoint.json</c> (<see cref="CheckpointMetadata"/>). Every file is written to
/// a temporary name and renamed into place, the metadata last; it carries the weights' SHA-256, so a folder whose
/// files do not belong together is detected on load.
/// </summary>
public static class Checkpoint
{
    /// <summary>The layout version this library writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>File name of the weights.</summary>
    public const string WeightsFileName = "model.bin";

    /// <summary>File name of the optimiser state.</summary>
    public const string OptimizerFileName = "optimizer.bin";

    /// <summary>File name of the metadata.</summary>
    public const string MetadataFileName = "checkpoint.json";

    /// <summary>JSON settings of <c>checkpoint.json</c> (camelCase names, enums as strings, indented).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes the model, its metadata and (if given) the trainer's optimiser state into <paramref name="folder"/>.</summary>
    public static CheckpointMetadata Save(string folder, Autoencoder model, TrainingOptions training, TrainingHistory history,
        Trainer? trainer = null, string? dataset = null, JsonElement? preprocessing = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(folder);
        var weights = Path.Combine(folder, WeightsFileName);
        var pending = new List<(string Temporary, string Final)>();
        try
        {
            var weightsTemporary = Temporary(weights);
            pending.Add((weightsTemporary, weights));
            model.save(weightsTemporary);
            if (trainer is not null)
            {
                var optimizer = Path.Combine(folder, OptimizerFileName);
                pending.Add((Temporary(optimizer), optimizer));
                trainer.SaveOptimizerState(pending[^1].Temporary);
            }

            var metadata = new CheckpointMetadata(CurrentFormatVersion, LibraryVersion, dataset, model.Options, [.. model.InputShape],
                training, history, preprocessing, Sha256(weightsTemporary), RunEnvironment.Current());
            var json = Path.Combine(folder, MetadataFileName);
            pending.Add((Temporary(json), json));
            File.WriteAllText(pending[^1].Temporary, JsonSerializer.Serialize(metadata, JsonOptions));

            foreach (var (temporary, final) in pending)
            {
                File.Move(temporary, final, overwrite: true);
            }

            return metadata;
        }
        finally
        {
            foreach (var (temporary, _) in pending)
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Rebuilds the model from <paramref name="folder"/> and checks that its files belong together.</summary>
    /// <exception cref="DataInputException">The folder is not a usable checkpoint; the message says why and what to do.</exception>
    public static LoadedCheckpoint Load(string folder)
    {
        var metadata = ReadMetadata(folder);
        var weights = Path.Combine(folder, WeightsFileName);
        if (!File.Exists(weights) || Sha256(weights) != metadata.WeightsSha256)
        {
            throw new DataInputException(
                $"{weights} is missing or does not match {MetadataFileName} (an interrupted copy?): copy the whole checkpoint folder again, or retrain.");
        }

        var model = ModelFactory.Create(metadata.Model, metadata.InputShape, metadata.Training.Seed);
        try
        {
            model.load(weights);
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or IOException)
        {
            model.Dispose();
            throw new DataInputException(
                $"{weights}: the weights do not fit a {metadata.Model.Kind.ToString().ToLowerInvariant()} model with latent size {metadata.Model.LatentSize} " +
                $"and input [{string.Join(", ", metadata.InputShape)}] ({error.Message.Split('\n')[0]}): retrain.", error);
        }

        model.eval();
        var optimizer = Path.Combine(folder, OptimizerFileName);
        return new LoadedCheckpoint(model, metadata, File.Exists(optimizer) ? optimizer : null);
    }

    /// <summary>Reads and validates <c>checkpoint.json</c> only.</summary>
    public static CheckpointMetadata ReadMetadata(string folder)
    {
        var path = Path.Combine(folder, MetadataFileName);
        if (!File.Exists(path))
        {
            throw new DataInputException($"{folder}: no {MetadataFileName} here: pass the --out folder of a 'train' run.");
        }

        CheckpointMetadata? metadata;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.TryGetProperty("formatVersion", out var version) && version.TryGetInt32(out var number) && number > CurrentFormatVersion)
            {
                throw new DataInputException(
                    $"{path}: written in checkpoint format {number}, but this library (version {LibraryVersion}) reads format {CurrentFormatVersion}: update the library.");
            }

            metadata = document.Deserialize<CheckpointMetadata>(JsonOptions);
        }
        catch (JsonException error)
        {
            throw new DataInputException($"{path}: not a valid checkpoint file ({error.Message.Split('\n')[0]}): restore it from a copy, or retrain.", error);
        }

        return metadata is { Model: not null, Training: not null, History: not null, InputShape: not null, WeightsSha256: not null }
            ? metadata
            : throw new DataInputException($"{path}: required fields are missing: restore it from a copy, or retrain.");
    }

    /// <summary>This library's version, as recorded in checkpoints.</summary>
    public static string LibraryVersion => RunEnvironment.LibraryVersion;

    private static string Temporary(string path) => $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

/// <summary>A model rebuilt from a checkpoint folder; dispose it to free the model.</summary>
/// <param name="Model">The model with the saved weights, in evaluation mode.</param>
/// <param name="Metadata">What <c>checkpoint.json</c> recorded.</param>
/// <param name="OptimizerStatePath">The saved optimiser state, for <see cref="Trainer.LoadOptimizerState"/>, or null.</param>
public sealed record LoadedCheckpoint(Autoencoder Model, CheckpointMetadata Metadata, string? OptimizerStatePath) : IDisposable
{
    /// <inheritdoc/>
    public void Dispose() => Model.Dispose();
}
