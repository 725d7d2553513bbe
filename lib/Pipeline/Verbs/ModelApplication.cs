using System.Globalization;
using System.Text;
using Autoencoders.Data;
using Autoencoders.Data.Images;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.IO;
using Autoencoders.Plots;
using static TorchSharp.torch;

namespace Autoencoders.Pipeline.Verbs;

/// <summary>Apply a saved model to new data (the encode, reconstruct and score verbs' options).</summary>
/// <param name="Checkpoint">The checkpoint folder.</param>
/// <param name="Input">A CSV file, a folder of IDX files, a folder of images or one image file.</param>
/// <param name="Out">The output file (encode, score) or folder (reconstruct).</param>
/// <param name="Threshold">Score only: a saved threshold rule (<c>mean+3σ</c>, <c>p99</c>, <c>max</c>) or a number; null takes the saved default.</param>
/// <param name="AnomalyRanges">
/// Score only: labelled anomalies of the input's rows (steps of a time series) to measure the flags against, written
/// as <see cref="StepRange.Parse"/> reads them (<c>2787..3189</c>, or date-times); null for none.
/// </param>
/// <param name="Chart">
/// Score only, for a time series: also draw the signal with its flagged steps and the anomaly ranges shaded
/// (<see cref="TimeSeriesFigures.Anomalies"/>) into this file, an offline <c>.html</c> page or a <c>.png</c> (needs Chromium); null for none.
/// </param>
/// <param name="Explain">
/// Score only: say why rows score high, in an <c>explanation</c> column — tables: the <paramref name="Explain"/> columns that
/// contribute most to each row's score, with value → reconstruction; images: a PNG per flagged image (original,
/// reconstruction, per-pixel error) in a folder named after the output with <c>-explain</c>; time series: the worst
/// window holding each flagged step. 0 for none.
/// </param>
public sealed record ApplyRequest(string Checkpoint, string Input, string Out, string? Threshold = null, string? AnomalyRanges = null, string? Chart = null,
    int Explain = 0);

/// <summary>What applying a model wrote.</summary>
/// <param name="Output">The file or folder written.</param>
/// <param name="Rows">Rows written (samples, or steps of a time series).</param>
/// <param name="Scores">Score only: the scores and flags; null otherwise.</param>
/// <param name="Detection">Score with <see cref="ApplyRequest.AnomalyRanges"/>: the flags measured against them; null otherwise.</param>
public sealed record ApplyOutcome(string Output, long Rows, ScoredInput? Scores, RangeDetection? Detection = null);

/// <summary>
/// A saved model applied to new raw data in one call each: <see cref="Encode"/> writes the codes, <see cref="Reconstruct"/>
/// the reconstructions (in the data's units), <see cref="Score"/> the anomaly scores and flags. The input is read with
/// the model's recipe (<see cref="InputReader"/>) and scaled with its training scaler; outputs are written atomically.
/// </summary>
public static class ModelApplication
{
    /// <summary>The file of reconstructed rows (tables, time series) in the reconstruct verb's folder.</summary>
    public const string ReconstructionsCsv = "reconstructions.csv";

    /// <summary>The page of originals beside reconstructions (images) in the reconstruct verb's folder.</summary>
    public const string ReconstructionsHtml = "reconstructions.html";

    /// <summary>
    /// The reconstructed images' exact float32 values, <c>(n, height, width)</c> in the order of
    /// <see cref="ReconstructionIds"/>, beside the 8-bit PNGs (images only; NumPy's <c>.npy</c> format).
    /// </summary>
    public const string ReconstructionsNpy = "reconstructions.npy";

    /// <summary>The input file of each row of <see cref="ReconstructionsNpy"/>, one per line, with the PNG written for it.</summary>
    public const string ReconstructionIds = "reconstructions-ids.csv";

    private const int GridImages = 64;

    /// <summary>Writes the codes: a CSV with header <c>id,z0,…,z{k-1}</c>, one row per sample (per window for a time series).</summary>
    public static ApplyOutcome Encode(ApplyRequest request, PipelineObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        observer ??= PipelineObserver.Silent;
        using var trained = TrainedModel.Load(request.Checkpoint);
        using var input = Read(trained, request, observer);
        cancellationToken.ThrowIfCancellationRequested();
        using var scope = NewDisposeScope();
        var (ids, codes) = observer.Counting($"encoding {input.Count:N0} samples", input.Count, progress => trained.Encode(input, CancellableProgress.Of(progress, cancellationToken)));
        cancellationToken.ThrowIfCancellationRequested();
        ResultFiles.WriteCodes(request.Out, ids, codes, input.TimestampColumn, input.Timestamps);
        return new ApplyOutcome(Path.GetFullPath(request.Out), ids.Count, null);
    }

    /// <summary>
    /// Writes the scores: a CSV with header <c>id,score,anomaly</c> (plus the input's timestamp and label columns), one row
    /// per sample, or per step for a time series; with <see cref="ApplyRequest.AnomalyRanges"/>, measures the flags
    /// against them (see <see cref="TrainedModel.Score(InputData, Evaluation.Anomaly.AnomalyThreshold?, IProgress{long}?)"/>).
    /// </summary>
    public static ApplyOutcome Score(ApplyRequest request, PipelineObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        observer ??= PipelineObserver.Silent;
        using var trained = TrainedModel.Load(request.Checkpoint);
        var threshold = trained.Threshold(request.Threshold);
        using var input = Read(trained, request, observer);
        cancellationToken.ThrowIfCancellationRequested();
        var ranges = request.AnomalyRanges is { } text ? StepRange.Parse(text, input.Ids.Count, input.Timestamps) : null;
        if (request.Chart is not null && input.Format != DataFormat.Windows)
        {
            throw new DataInputException($"{request.Input}: a chart of the flagged steps is drawn for a time series only; this model reads {input.Format.ToString().ToLowerInvariant()}.");
        }

        if (request.Chart is { } png && png.EndsWith(".png", StringComparison.OrdinalIgnoreCase) && !ChartPng.IsAvailable)
        {
            throw new DataInputException($"{png}: a PNG chart needs Chromium (apt-get install chromium); give a .html file instead.");
        }

        var scored = observer.Counting($"scoring {input.Count:N0} samples", input.Count, progress => trained.Score(input, threshold, CancellableProgress.Of(progress, cancellationToken)));
        cancellationToken.ThrowIfCancellationRequested();
        if (request.Explain > 0)
        {
            scored = scored with { Explanations = ScoreExplanations.For(trained, input, scored, request.Explain, request.Out) };
            cancellationToken.ThrowIfCancellationRequested();
        }

        ResultFiles.WriteScores(request.Out, scored);
        if (request.Chart is { } chart)
        {
            SaveChart(TimeSeriesFigures.Anomalies(input, scored, ranges), chart);
        }

        return new ApplyOutcome(Path.GetFullPath(request.Out), scored.Ids.Count, scored, ranges is null ? null : RangeDetection.Evaluate(scored.Flags, ranges));
    }

    /// <summary>
    /// Writes the reconstructions into a folder, replaced as a whole: for tables and time series
    /// <c>reconstructions.csv</c> (header <c>id</c> and the input's columns, values in the input's units; one row per step
    /// for a time series), for images one PNG per input and <c>reconstructions.html</c>, an offline grid of originals
    /// beside reconstructions (the first 64).
    /// </summary>
    public static ApplyOutcome Reconstruct(ApplyRequest request, PipelineObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        observer ??= PipelineObserver.Silent;
        AtomicFolder.EnsureReplaceable(request.Out, IsReconstructionEntry);
        using var trained = TrainedModel.Load(request.Checkpoint);
        using var input = Read(trained, request, observer);
        cancellationToken.ThrowIfCancellationRequested();
        using var scope = NewDisposeScope();
        var reconstruction = observer.Counting($"reconstructing {input.Count:N0} samples", input.Count, progress => trained.Reconstruct(input, CancellableProgress.Of(progress, cancellationToken)));
        cancellationToken.ThrowIfCancellationRequested();
        var rows = reconstruction.shape[0];
        AtomicFolder.Replace(request.Out, folder =>
        {
            if (input.Format == DataFormat.Images)
            {
                WriteImages(folder, input, reconstruction, InputReader.ImageSize(trained.Recipe!), cancellationToken);
            }
            else
            {
                ResultFiles.WriteRows(Path.Combine(folder, ReconstructionsCsv), input.Ids, input.Columns!, reconstruction.flatten(1), input.TimestampColumn, input.Timestamps);
            }
        }, IsReconstructionEntry);
        return new ApplyOutcome(Path.GetFullPath(request.Out), rows, null);
    }

    // What a reconstruct folder holds: its CSV, its page and one PNG per input image.
    private static bool IsReconstructionEntry(string name) =>
        name is ReconstructionsCsv or ReconstructionsHtml or ReconstructionsNpy or ReconstructionIds || name.EndsWith(".png", StringComparison.OrdinalIgnoreCase);

    private static void SaveChart(Plotly.NET.GenericChart chart, string path)
    {
        if (path.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            ChartPng.Save(chart, path);
        }
        else
        {
            ChartHtml.Save(chart, path);
        }
    }

    private static InputData Read(TrainedModel trained, ApplyRequest request, PipelineObserver observer)
    {
        var recipe = trained.Recipe ?? throw new DataInputException(
            $"{request.Checkpoint}: the checkpoint does not record how its data were prepared; train the model again with this version to apply it to new data.");
        var input = InputReader.Read(request.Input, recipe);
        foreach (var warning in input.Warnings)
        {
            observer.Message($"warning: {warning}");
        }

        return input;
    }

    // One PNG per input, named after it, the exact values of all of them in one .npy (PNGs round to 8 bits), and a page
    // of the first ones beside their reconstructions.
    private static void WriteImages(string folder, InputData input, Tensor reconstruction, (int Height, int Width) size, CancellationToken cancellationToken)
    {
        var (height, width) = size;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var items = new List<ImageGridPage.Pair>();
        var ids = new StringBuilder("input,png\n");
        for (var i = 0; i < input.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var image = reconstruction[i].reshape(1, height, width);
            var name = UniqueName(names, Path.GetFileNameWithoutExtension(input.Ids[i]));
            ImageFiles.WritePng(image, Path.Combine(folder, name + ".png"));
            ids.Append(ResultFiles.CsvField(input.Ids[i])).Append(',').Append(ResultFiles.CsvField(name + ".png")).Append('\n');
            if (i < GridImages)
            {
                items.Add(new ImageGridPage.Pair(input.Ids[i], ImageFiles.EncodePng(input.Samples[i].reshape(1, height, width)), ImageFiles.EncodePng(image)));
            }
        }

        NpyFile.WriteFloat32(Path.Combine(folder, ReconstructionsNpy), reconstruction.reshape(input.Count, height, width));
        AtomicFile.WriteAllText(Path.Combine(folder, ReconstructionIds), ids.ToString());
        AtomicFile.WriteAllText(Path.Combine(folder, ReconstructionsHtml),
            ImageGridPage.Pairs(string.Create(CultureInfo.InvariantCulture, $"Reconstructions of {input.Count:N0} images from {Path.GetFileName(input.Source)}"), items));
    }

    private static string UniqueName(HashSet<string> taken, string name)
    {
        var candidate = name;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = string.Create(CultureInfo.InvariantCulture, $"{name}-{n}");
        }

        return candidate;
    }
}
