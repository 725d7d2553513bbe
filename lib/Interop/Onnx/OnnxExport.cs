using System.Text.Json;
using System.Text.Json.Nodes;
using Autoencoders.Checkpoints;
using Autoencoders.Data;
using Autoencoders.IO;
using Autoencoders.Pipeline;
using Google.Protobuf;
using Onnx;

namespace Autoencoders.Interop.Onnx;

/// <summary>
/// Writes a whole detector as one ONNX file (opset 17, docs/onnx.md): raw input <c>input</c> (float32, the samples'
/// shape with a free batch size: table rows in the training columns' order, windows of a series, or images in [0, 1])
/// goes through the fitted scaler, the model and the fitted score, and the graph outputs <c>code</c> (float32),
/// <c>reconstruction</c> (float32, in the input's units), <c>score</c> (float64) and <c>anomaly</c> (bool: score above
/// the default threshold). The metadata property <see cref="MetadataKey"/> holds the recipe, thresholds and versions as JSON.
/// </summary>
public static class OnnxExport
{
    /// <summary>The ONNX operator set the files use: the newest that Debian 12's ONNX 1.12 checks.</summary>
    public const long Opset = 17;

    /// <summary>ONNX's IR version of opset 17 (ONNX 1.12).</summary>
    public const long IrVersion = 8;

    /// <summary>The metadata property holding the detector's description as JSON.</summary>
    public const string MetadataKey = "autoencoders.detector";

    /// <summary>The graph's input and outputs.</summary>
    public const string InputName = "input", CodeName = "code", ReconstructionName = "reconstruction", ScoreName = "score", AnomalyName = "anomaly";

    /// <summary>The ONNX model of <paramref name="parts"/>.</summary>
    /// <exception cref="DataInputException">Something in it has no ONNX form (the message says what and why).</exception>
    public static ModelProto Build(OnnxDetectorParts parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var model = parts.Model;
        try
        {
            parts.Score.Validate(model.LatentSize, model.InputSize);
        }
        catch (ArgumentException error)
        {
            throw new DataInputException($"cannot export the score: {error.Message}", error);
        }

        if (!string.Equals(parts.Thresholds.Score, parts.Score.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new DataInputException($"the thresholds were fitted on the {parts.Thresholds.Score} score but the detector scores with {parts.Score.Name}: fit them on its scores.");
        }

        var sampleShape = model.InputShape;
        if (parts.Scaler is { } scaler && scaler.Offsets.Count != sampleShape[^1])
        {
            throw new DataInputException($"the scaler has {scaler.Offsets.Count} columns but the model's samples have {sampleShape[^1]} values in their last dimension.");
        }

        // The weights and filters are read through temporary tensors.
        using var scope = TorchSharp.torch.NewDisposeScope();
        var graph = new OnnxGraph();
        object[] shape = ["n", .. sampleShape.Cast<object>()];
        graph.Input(InputName, TensorProto.Types.DataType.Float, shape);
        var scaled = parts.Scaler is null ? InputName : Scale(graph, parts.Scaler.Offsets, parts.Scaler.Scales, InputName, inverse: false);
        var (code, reconstruction) = OnnxModelGraph.Add(graph, model, scaled);
        var score = OnnxScoreGraph.Add(graph, parts.Score, scaled, reconstruction, code, sampleShape, model.LatentSize);
        var anomaly = graph.Node("Greater", [score, graph.Scalar(parts.Thresholds.Default.Value)]);
        var raw = parts.Scaler is null ? reconstruction : Scale(graph, parts.Scaler.Offsets, parts.Scaler.Scales, reconstruction, inverse: true);
        graph.Output(CodeName, code, TensorProto.Types.DataType.Float, ["n", (long)model.LatentSize]);
        graph.Output(ReconstructionName, raw, TensorProto.Types.DataType.Float, shape);
        graph.Output(ScoreName, score, TensorProto.Types.DataType.Double, ["n"]);
        graph.Output(AnomalyName, anomaly, TensorProto.Types.DataType.Bool, ["n"]);

        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "AutoencoderWorkbook",
            ProducerVersion = Checkpoint.LibraryVersion,
            DocString = $"An autoencoder anomaly detector ({model.Options.Kind.ToString().ToLowerInvariant()} model, {parts.Score.Name} score): raw input -> code, reconstruction, score, anomaly (score > {parts.Thresholds.Default.Name}).",
            Graph = graph.Proto,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        proto.MetadataProps.Add(new StringStringEntryProto { Key = MetadataKey, Value = Metadata(parts) });
        return proto;
    }

    /// <summary>Writes <paramref name="parts"/> to <paramref name="path"/> (replaced whole, never half-written).</summary>
    public static void Save(OnnxDetectorParts parts, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = Build(parts).ToByteArray();
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>
    /// Writes the detector of the checkpoint in <paramref name="checkpointFolder"/> to <paramref name="path"/>: its scaler,
    /// model, MSE score and saved thresholds.
    /// </summary>
    /// <returns>The score and the default threshold's name written.</returns>
    /// <exception cref="DataInputException">The checkpoint cannot be loaded, keeps no thresholds, has something without an ONNX form, or <paramref name="path"/> is inside it.</exception>
    public static (string Score, string Threshold) Export(string checkpointFolder, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(checkpointFolder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        // A file the checkpoint does not expect would make Checkpoint.Save refuse the folder later.
        if (string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(checkpointFolder)), Path.GetDirectoryName(Path.GetFullPath(path)), StringComparison.Ordinal))
        {
            throw new DataInputException($"{path} is inside the checkpoint folder {checkpointFolder}: export into another folder.");
        }

        using var trained = TrainedModel.Load(checkpointFolder);
        var thresholds = trained.Thresholds
            ?? throw new DataInputException($"{checkpointFolder} keeps no anomaly thresholds (written by an older version), so the ONNX file could not flag anomalies: train the model again.");
        // The detector's own score with its fitted state (plain MSE for checkpoints from before scores were kept).
        var score = DetectorScore.Of(trained.AnomalyScore);
        Save(new OnnxDetectorParts(trained.Model, trained.Recipe?.Scaler, score, thresholds, trained.Recipe), path);
        return (score.Name, thresholds.Default.Name);
    }

    // (x − offset) / scale, or x · scale + offset, per last-dimension column in float64 and back, as FeatureScaler does.
    private static string Scale(OnnxGraph graph, IReadOnlyList<double> offsets, IReadOnlyList<double> scales, string value, bool inverse)
    {
        var wide = graph.Node("Cast", [value], OnnxGraph.Attribute("to", (long)TensorProto.Types.DataType.Double));
        var offset = graph.Doubles([.. offsets], offsets.Count);
        var scale = graph.Doubles([.. scales], scales.Count);
        var result = inverse
            ? graph.Node("Add", [graph.Node("Mul", [wide, scale]), offset])
            : graph.Node("Div", [graph.Node("Sub", [wide, offset]), scale]);
        return graph.Node("Cast", [result], OnnxGraph.Attribute("to", (long)TensorProto.Types.DataType.Float));
    }

    private static string Metadata(OnnxDetectorParts parts)
    {
        var model = parts.Model;
        var recipe = parts.Recipe;
        var format = recipe?.Format ?? (model.InputShape.Count switch { 3 => DataFormat.Images, 2 => DataFormat.Windows, _ => DataFormat.Table });
        var thresholds = new JsonArray([.. parts.Thresholds.Rules.Select(rule => (JsonNode)new JsonObject { ["name"] = rule.Name, ["value"] = rule.Value })]);
        var description = new JsonObject
        {
            ["formatVersion"] = 1,
            ["libraryVersion"] = Checkpoint.LibraryVersion,
            ["opset"] = Opset,
            ["dataFormat"] = format.ToString().ToLowerInvariant(),
            ["sampleShape"] = new JsonArray([.. model.InputShape.Select(size => (JsonNode)size)]),
            ["columns"] = recipe?.Columns is { } columns ? new JsonArray([.. columns.Select(column => (JsonNode)column)]) : null,
            ["timestampColumn"] = recipe?.TimestampColumn,
            ["latentSize"] = model.LatentSize,
            ["score"] = parts.Score.Name,
            ["threshold"] = new JsonObject { ["name"] = parts.Thresholds.Default.Name, ["value"] = parts.Thresholds.Default.Value },
            ["thresholds"] = thresholds,
            ["trainingScores"] = new JsonObject
            {
                ["count"] = parts.Thresholds.TrainingScores.Count,
                ["mean"] = parts.Thresholds.TrainingScores.Mean,
                ["standardDeviation"] = parts.Thresholds.TrainingScores.StandardDeviation,
                ["max"] = parts.Thresholds.TrainingScores.Max,
            },
            // Written field by field: reflection-based serialisation is off in trimmed hosts and file-based apps.
            ["model"] = new JsonObject
            {
                ["kind"] = model.Options.Kind.ToString().ToLowerInvariant(),
                ["latentSize"] = model.LatentSize,
                ["hiddenSizes"] = new JsonArray([.. model.Options.EffectiveHiddenSizes.Select(size => (JsonNode)size)]),
                ["channels"] = new JsonArray([.. model.Options.EffectiveChannels.Select(size => (JsonNode)size)]),
                ["kernelSize"] = model.Options.KernelSize,
                ["denseCode"] = model.Options.DenseCode,
                ["output"] = model.Options.EffectiveOutput.ToString().ToLowerInvariant(),
            },
            ["recipe"] = recipe is null ? null : new JsonObject
            {
                ["source"] = recipe.Source,
                ["sourceSha256"] = recipe.SourceSha256,
                ["window"] = recipe.Format == DataFormat.Windows ? model.InputShape[0] : null,
                ["scaler"] = recipe.Scaler is { } scaler ? JsonNode.Parse(scaler.ToJson()) : null,
                ["classNames"] = recipe.ClassNames is { } names ? new JsonArray([.. names.Select(name => (JsonNode)name)]) : null,
            },
        };
        return description.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
