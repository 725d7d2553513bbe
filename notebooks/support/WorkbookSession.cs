using System.Net;
using Autoencoders.Plots;

namespace Autoencoders.Notebooks;

/// <summary>What a notebook session runs on, shown under the set-up cell together with the plotly.js it sends.</summary>
/// <param name="Library">The Autoencoders library's version.</param>
/// <param name="TorchSharp">The TorchSharp package version.</param>
/// <param name="LibTorch">The libtorch version TorchSharp loaded.</param>
/// <param name="PlotlyJs">The plotly.js version bundled in Plotly.NET, which draws the charts.</param>
/// <param name="PngRenderer">The Chromium that renders each chart's PNG copy, or null when none is installed.</param>
public sealed record WorkbookSession(string Library, string TorchSharp, string LibTorch, string PlotlyJs, string? PngRenderer)
{
    /// <summary>One line saying what the session uses.</summary>
    public string Summary =>
        $"Autoencoders {Library} on TorchSharp {TorchSharp} (libtorch {LibTorch}); charts drawn offline by plotly.js {PlotlyJs} from Plotly.NET, " +
        (PngRenderer is null ? "without PNG copies (no Chromium: apt-get install chromium)" : $"each with a PNG copy by {PngRenderer}");

    /// <summary>
    /// The set-up cell's output: <see cref="Summary"/> and plotly.js, once for the whole page, where every chart
    /// output of the session finds it (a chart's script waits for it).
    /// </summary>
    public string ToHtml() => $"<div>{WebUtility.HtmlEncode(Summary)}</div>{ChartHtml.PlotlyJsElement()}";

    /// <inheritdoc/>
    public override string ToString() => Summary;

    internal void SendToPage() => ToHtml().DisplayAs(Microsoft.DotNet.Interactive.Formatting.HtmlFormatter.MimeType);
}
