using Autoencoders.Training;
using Plotly.NET;

namespace Autoencoders.Plots;

/// <summary>Charts of a training run.</summary>
public static class TrainingCharts
{
    /// <summary>Training loss per epoch and, where the run had validation data, validation loss; the best epoch is marked.</summary>
    public static GenericChart LossCurves(TrainingHistory history, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Epochs.Count == 0)
        {
            throw new ArgumentException("the history has no epochs to plot", nameof(history));
        }

        var epochs = history.Epochs.Select(e => e.Epoch).ToArray();
        var traces = new List<Trace>
        {
            Figure.Trace("scatter", ("name", "training"), ("mode", "lines+markers"), ("x", epochs), ("y", history.Epochs.Select(e => e.Loss).ToArray())),
        };
        var validated = history.Epochs.Where(e => e.ValidationLoss is not null).ToArray();
        if (validated.Length > 0)
        {
            traces.Add(Figure.Trace("scatter", ("name", "validation"), ("mode", "lines+markers"),
                ("x", validated.Select(e => e.Epoch).ToArray()), ("y", validated.Select(e => e.ValidationLoss!.Value).ToArray())));
        }

        var shapes = history.BestEpoch is { } best
            ? new object[] { new { type = "line", xref = "x", yref = "paper", x0 = best, x1 = best, y0 = 0, y1 = 1, line = new { dash = "dot", width = 1, color = "grey" } } }
            : [];
        return Figure.Chart(traces, 700, 420,
            ("title", Figure.Title(title is not null ? PlotText.Literal(title) : (history.BestEpoch is { } b ? $"Loss per epoch (best epoch {b})" : "Loss per epoch"))),
            ("xaxis", epochs.Length <= 20 ? new { title = new { text = "epoch" }, dtick = 1 } : Figure.Axis("epoch")),
            ("yaxis", Figure.Axis("loss")),
            ("shapes", shapes));
    }
}
