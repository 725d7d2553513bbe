using System.Net;
using Autoencoders.Data;
using Autoencoders.Evaluation;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Pipeline;
using Autoencoders.Plots;
using Microsoft.DotNet.Interactive.Formatting;
using static TorchSharp.torch;

namespace Autoencoders.Notebooks;

/// <summary>
/// How the library's own results display, so a cell can end in the value itself: metric and report records as
/// tables of rounded numbers (the kernel's default shows every digit of a double), image batches as image grids.
/// </summary>
internal static class ResultDisplays
{
    /// <summary>The metric and report records shown as a table of their fields.</summary>
    internal static readonly Type[] Records =
    [
        typeof(DatasetSummary), typeof(ReconstructionMetrics), typeof(ReconstructionReport), typeof(EvaluationReport),
        typeof(PcaBaseline), typeof(NeighbourAccuracy), typeof(ScoreSummary), typeof(ClassificationMetrics),
        typeof(AnomalyReport), typeof(ThresholdEvaluation), typeof(AnomalyThreshold), typeof(RangeDetection),
        typeof(MeanAndSd), typeof(TrainingSummary),
    ];

    public static void Register()
    {
        foreach (var type in Records)
        {
            Formatter.Register(type, (record, writer) => writer.Write(HtmlTable.Fields(record)), HtmlFormatter.MimeType);
        }

        Formatter.Register<Tensor>((tensor, writer) => writer.Write(ImageTensorGrid.IsImageBatch(tensor) ? ImageTensorGrid.ToHtml(tensor) : Text(tensor)), HtmlFormatter.MimeType);
    }

    // Any other tensor as TorchSharp writes it: shape, type and device, the values when small.
    private static string Text(Tensor tensor) =>
        $"<pre>{WebUtility.HtmlEncode(tensor.numel() <= 100 ? tensor.ToString(TorchSharp.TensorStringStyle.Julia) : tensor.ToString())}</pre>";
}
