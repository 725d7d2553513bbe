using System.Globalization;
using Plotly.NET;
using static TorchSharp.torch;

namespace Autoencoders.Plots;

/// <summary>Charts of latent codes.</summary>
public static class LatentCharts
{
    /// <summary>
    /// 2-D codes as points, one trace per class so the legend lists the class names; hovering a point shows its label.
    /// Project larger codes to 2-D first (PCA or t-SNE).
    /// </summary>
    /// <param name="x">First coordinate per sample.</param>
    /// <param name="y">Second coordinate per sample.</param>
    /// <param name="labels">Class index per sample.</param>
    /// <param name="classNames">Name per class index (for example "0" … "9"), or null to use the index.</param>
    /// <param name="title">Chart title.</param>
    public static GenericChart Scatter(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<int> labels, IReadOnlyList<string>? classNames = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(labels);
        if (y.Count != x.Count || labels.Count != x.Count)
        {
            throw new ArgumentException($"x, y and labels differ in length: {x.Count}, {y.Count}, {labels.Count}");
        }

        string Name(int label) => classNames is not null && label >= 0 && label < classNames.Count ? classNames[label] : label.ToString(CultureInfo.InvariantCulture);
        var traces = Enumerable.Range(0, x.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(group =>
        {
            var name = PlotText.Literal(Name(group.Key));
            return Figure.Trace("scatter",
                ("name", name),
                ("mode", "markers"),
                ("x", group.Select(i => x[i]).ToArray()),
                ("y", group.Select(i => y[i]).ToArray()),
                ("text", group.Select(_ => name).ToArray()),
                ("marker", new { size = 5, opacity = 0.75 }),
                ("hovertemplate", "label %{text}<br>(%{x:.3f}, %{y:.3f})<extra></extra>"));
        });
        return Figure.Chart(traces, 700, 600,
            ("title", Figure.Title(PlotText.Literal(title ?? "Latent space"))),
            ("xaxis", Figure.Axis("dimension 1")),
            ("yaxis", Figure.Axis("dimension 2")),
            ("legend", new { title = new { text = "label" } }));
    }

    /// <summary>The same for codes held in a tensor shaped (n, 2).</summary>
    public static GenericChart Scatter(Tensor codes, IReadOnlyList<int> labels, IReadOnlyList<string>? classNames = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.shape.Length != 2 || codes.shape[1] != 2)
        {
            throw new ArgumentException($"expected codes shaped (n, 2), got ({string.Join(", ", codes.shape)}): project them to 2-D first", nameof(codes));
        }

        using var scope = NewDisposeScope();
        var values = codes.detach().cpu().to_type(ScalarType.Float64).data<double>().ToArray();
        var x = values.Where((_, i) => i % 2 == 0).ToArray();
        var y = values.Where((_, i) => i % 2 == 1).ToArray();
        return Scatter(x, y, labels, classNames, title);
    }
}
