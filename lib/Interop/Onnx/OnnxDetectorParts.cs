using Autoencoders.Data;
using Autoencoders.Data.Preprocessing;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Models;

namespace Autoencoders.Interop.Onnx;

/// <summary>
/// Everything one ONNX file holds: the scaler raw input goes through, the model, the fitted score and the thresholds,
/// and the recipe that says what raw input is. <see cref="OnnxExport.Build"/> writes it as one graph.
/// </summary>
/// <param name="Model">The trained model; used, not owned.</param>
/// <param name="Scaler">The fitted scaler of raw input (tables, windows), or null for data used as stored (images in [0, 1]).</param>
/// <param name="Score">The fitted score.</param>
/// <param name="Thresholds">Thresholds fitted on the training samples' scores of <paramref name="Score"/>; the default flags <c>anomaly</c>.</param>
/// <param name="Recipe">How raw data were read (columns, window, timestamp column), or null for a model trained on data built by hand.</param>
public sealed record OnnxDetectorParts(
    Autoencoder Model,
    ScalerState? Scaler,
    DetectorScore Score,
    AnomalyThresholdSet Thresholds,
    DataRecipe? Recipe);
