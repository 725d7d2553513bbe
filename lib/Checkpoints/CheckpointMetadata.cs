using System.Text.Json;
using Autoencoders.Data;
using Autoencoders.Models;
using Autoencoders.Native;
using Autoencoders.Training;

namespace Autoencoders.Checkpoints;

/// <summary>What <c>checkpoint.json</c> records next to the weights: enough to rebuild, check and resume the model.</summary>
/// <param name="FormatVersion">Version of this file's layout; a reader refuses newer versions.</param>
/// <param name="LibraryVersion">Version of the library that wrote it.</param>
/// <param name="Dataset">Name of the data set the model was trained on, if known.</param>
/// <param name="Model">The model's options.</param>
/// <param name="InputShape">Shape of one input sample.</param>
/// <param name="Training">The training options used.</param>
/// <param name="History">The training history so far.</param>
/// <param name="Preprocessing">The fitted preprocessing (e.g. a scaler) as JSON, or null for data used as is.</param>
/// <param name="WeightsSha256">SHA-256 of <c>model.bin</c>, to catch a weights file that does not belong to this metadata.</param>
/// <param name="Environment">Versions, thread count and CPU of the training run (null in checkpoints written before it was recorded).</param>
public sealed record CheckpointMetadata(
    int FormatVersion,
    string LibraryVersion,
    string? Dataset,
    ModelOptions Model,
    IReadOnlyList<long> InputShape,
    TrainingOptions Training,
    TrainingHistory History,
    JsonElement? Preprocessing,
    string WeightsSha256,
    RunEnvironment? Environment = null)
{
    /// <summary>Throws a one-line <see cref="DataInputException"/> when samples of <paramref name="sampleShape"/> do not fit the model.</summary>
    public void RequireInputShape(IReadOnlyList<long> sampleShape, string dataDescription)
    {
        ArgumentNullException.ThrowIfNull(sampleShape);
        if (!sampleShape.SequenceEqual(InputShape))
        {
            throw new DataInputException(
                $"the checkpoint's model was trained on samples shaped [{string.Join(", ", InputShape)}] (data set '{Dataset}') " +
                $"but {dataDescription} has samples shaped [{string.Join(", ", sampleShape)}]: train a model on this data first.");
        }
    }
}
