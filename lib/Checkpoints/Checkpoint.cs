using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Autoencoders.Data;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Models;
using Autoencoders.Native;
using Autoencoders.Training;

namespace Autoencoders.Checkpoints;

/// <summary>
/// Saves and loads a trained model as a folder: <c>model.bin</c> (TorchSharp weights), <c>optimizer.bin</c>
/// (Adam's state, for resuming), <c>checkpoint.json</c> (<see cref="CheckpointMetadata"/>) and <c>history.json</c>. The
/// folder is replaced as a whole; the metadata carries the SHA-256 of the other files, so a folder whose files do not
/// belong together is detected on load.
/// </summary>
public static class Checkpoint
{
    /// <summary>The layout version this library writes; it reads this one and every older one.</summary>
    public const int CurrentFormatVersion = 3;

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

    /// <summary>File name of the training history, a copy of <see cref="CheckpointMetadata.History"/> for reading alone.</summary>
    public const string HistoryFileName = "history.json";

    /// <summary>
    /// Writes the model, its metadata, its history and (if given) the trainer's optimiser state as the folder
    /// <paramref name="folder"/>, replaced as a whole: the files are written into a fresh sibling folder that then takes
    /// the old one's place, so the folder holds either the complete old checkpoint or the complete new one. A folder that
    /// holds other files is refused (<see cref="IOException"/>), never overwritten.
    /// </summary>
    public static CheckpointMetadata Save(string folder, Autoencoder model, CheckpointContent content, Trainer? trainer = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(content);
        CheckpointMetadata? written = null;
        IO.AtomicFolder.Replace(folder, fresh =>
        {
            var weights = Path.Combine(fresh, WeightsFileName);
            model.save(weights);
            string? optimizerSha256 = null;
            if (trainer is not null)
            {
                var optimizer = Path.Combine(fresh, OptimizerFileName);
                trainer.SaveOptimizerState(optimizer);
                optimizerSha256 = Sha256(optimizer);
            }

            written = new CheckpointMetadata(CurrentFormatVersion, LibraryVersion, model.Options, [.. model.InputShape],
                content.Training, content.History, Sha256(weights), content.Recipe, content.Selection, content.Thresholds,
                optimizerSha256, RunEnvironment.Current(), Score: content.Score);
            File.WriteAllText(Path.Combine(fresh, HistoryFileName), JsonSerializer.Serialize(content.History, JsonOptions));
            File.WriteAllText(Path.Combine(fresh, MetadataFileName), JsonSerializer.Serialize(written, JsonOptions));
        }, IsCheckpointFile);
        return written!;
    }

    /// <summary>Whether a file name is one a checkpoint folder holds.</summary>
    public static bool IsCheckpointFile(string name) => name is WeightsFileName or OptimizerFileName or MetadataFileName or HistoryFileName;

    /// <summary>Rebuilds the model from <paramref name="folder"/> and checks that its files belong together.</summary>
    /// <exception cref="DataInputException">The folder is not a usable checkpoint; the message says why and what to do.</exception>
    public static LoadedCheckpoint Load(string folder)
    {
        // The weights are read once, into memory, and checked against the metadata read just before. A mismatch can be
        // a writer swapping the folder between the two reads (the swap is one step, the reads are two): read again,
        // and only a mismatch that stays is a damaged checkpoint.
        CheckpointMetadata metadata;
        byte[]? weights;
        var matches = false;
        var attempt = 0;
        do
        {
            if (attempt > 0)
            {
                Thread.Sleep(100 * attempt);
            }

            metadata = ReadMetadata(folder);
            var path = Path.Combine(folder, WeightsFileName);
            weights = File.Exists(path) ? TryReadAllBytes(path) : null;
            var sha256 = weights is null ? null : Convert.ToHexStringLower(SHA256.HashData(weights));
            matches = sha256 is not null && sha256 == metadata.WeightsSha256;
            if (!matches && sha256 is not null)
            {
                // Swapped between the two reads: the weights then belong to the metadata the folder holds now. Reading
                // it again settles the common case without a wait, which a writer saving in a loop would never allow.
                var after = ReadMetadata(folder);
                (metadata, matches) = sha256 == after.WeightsSha256 ? (after, true) : (metadata, false);
            }
        }
        while (!matches && ++attempt < 3);

        var weightsPath = Path.Combine(folder, WeightsFileName);
        if (!matches)
        {
            throw new DataInputException(
                $"{weightsPath} is missing or does not match {MetadataFileName} (an interrupted copy?): copy the whole checkpoint folder again, or retrain.");
        }

        var model = ModelFactory.Create(metadata.Model, metadata.InputShape, metadata.Training.Seed);
        try
        {
            using var stream = new MemoryStream(weights!, writable: false);
            model.load(stream);
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or IOException)
        {
            model.Dispose();
            throw new DataInputException(
                $"{weightsPath}: the weights do not fit a {metadata.Model.Kind.ToString().ToLowerInvariant()} model with latent size {metadata.Model.LatentSize} " +
                $"and input [{string.Join(", ", metadata.InputShape)}] ({error.Message.Split('\n')[0]}): retrain.", error);
        }

        model.eval();
        var optimizer = Path.Combine(folder, OptimizerFileName);
        var optimizerUsable = File.Exists(optimizer) && (metadata.OptimizerSha256 is null || Sha256(optimizer) == metadata.OptimizerSha256);
        return new LoadedCheckpoint(model, metadata, optimizerUsable ? optimizer : null);
    }

    private static byte[]? TryReadAllBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Reads and validates <c>checkpoint.json</c> only.</summary>
    public static CheckpointMetadata ReadMetadata(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);

        // A writer killed between the two renames of a replacement left the previous checkpoint beside the folder.
        IO.AtomicFolder.Recover(folder);
        var path = Path.Combine(folder, MetadataFileName);
        if (!File.Exists(path))
        {
            throw new DataInputException($"{folder}: no {MetadataFileName} here: pass the --out folder of a 'train' run.");
        }

        CheckpointMetadata? metadata;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("formatVersion", out var version) && version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var number) && number > CurrentFormatVersion)
            {
                throw new DataInputException(
                    $"{path}: written in checkpoint format {number}, but this library (version {LibraryVersion}) reads format {CurrentFormatVersion}: update the library.");
            }

            CheckpointSchema.Validate(document.RootElement, path);
            metadata = document.Deserialize<CheckpointMetadata>(JsonOptions);
        }
        catch (JsonException error)
        {
            var problem = error.Path is { Length: > 2 } field && error.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
                ? $"{field[2..]} holds a value of the wrong type"
                : error.LineNumber is { } line ? $"not a valid checkpoint file (broken JSON: line {line + 1}, byte {error.BytePositionInLine + 1})" : "not a valid checkpoint file";
            throw new DataInputException($"{path}: {problem}: restore it from a copy, or retrain.", error);
        }

        return metadata is { Model: not null, Training: not null, History: not null, InputShape: not null, WeightsSha256: not null }
            ? CheckpointChecks.Validated(metadata.Upgraded(), path)
            : throw new DataInputException($"{path}: required fields are missing: restore it from a copy, or retrain.");
    }

    /// <summary>This library's version, as recorded in checkpoints.</summary>
    public static string LibraryVersion => RunEnvironment.LibraryVersion;

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

/// <summary>What a checkpoint holds besides the weights and the optimiser state.</summary>
/// <param name="Recipe">How raw data become the model's input, or null for data built by hand.</param>
/// <param name="Training">The training options used.</param>
/// <param name="Selection">Which training samples were used.</param>
/// <param name="History">The training history so far.</param>
/// <param name="Thresholds">Anomaly thresholds fitted on the training scores, or null.</param>
/// <param name="Score">The anomaly score with its fitted state, or null.</param>
public sealed record CheckpointContent(DataRecipe? Recipe, TrainingOptions Training, TrainingSelection Selection, TrainingHistory History,
    AnomalyThresholdSet? Thresholds = null, ScoreState? Score = null);

/// <summary>A model rebuilt from a checkpoint folder; dispose it to free the model.</summary>
/// <param name="Model">The model with the saved weights, in evaluation mode.</param>
/// <param name="Metadata">What <c>checkpoint.json</c> recorded.</param>
/// <param name="OptimizerStatePath">The saved optimiser state, for <see cref="Trainer.LoadOptimizerState"/>, or null when there is none or it does not match its recorded SHA-256.</param>
public sealed record LoadedCheckpoint(Autoencoder Model, CheckpointMetadata Metadata, string? OptimizerStatePath) : IDisposable
{
    /// <inheritdoc/>
    public void Dispose() => Model.Dispose();
}
