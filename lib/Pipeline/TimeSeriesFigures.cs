using Autoencoders.Data;
using Autoencoders.Data.TimeSeries;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Plots;
using Plotly.NET;
using static TorchSharp.torch;

namespace Autoencoders.Pipeline;

/// <summary>
/// The time-series charts (<see cref="TimeSeriesCharts"/>) drawn straight from what the pipeline gives: a series read
/// by <see cref="InputReader"/>, its scores (<see cref="TrainedModel.Score(InputData, AnomalyThreshold?, IProgress{long}?)"/>)
/// and the model, so a notebook cell or the score verb needs one call per chart.
/// </summary>
public static class TimeSeriesFigures
{
    /// <summary>One channel of a series read for a model, one value per step, in the data's units.</summary>
    /// <param name="input">A time series (<see cref="DataFormat.Windows"/>).</param>
    /// <param name="channel">The channel's index in <see cref="InputData.Columns"/>.</param>
    public static double[] Signal(InputData input, int channel = 0)
    {
        RequireSeries(input, channel);
        using var scope = NewDisposeScope();
        // Every window holds the same value for a step, so their mean is that value (the windows were cut, not computed).
        var series = SlidingWindows.MeanPerStep(input.Samples).select(1, channel).to_type(ScalarType.Float64);
        return series.data<double>().ToArray();
    }

    /// <summary>The signal with its flagged steps and the labelled ranges shaded (<see cref="TimeSeriesCharts.Anomalies"/>).</summary>
    /// <param name="input">A time series.</param>
    /// <param name="scored">Its scores and flags.</param>
    /// <param name="labelled">Labelled anomalies, or null.</param>
    /// <param name="channel">The channel to draw.</param>
    public static GenericChart Anomalies(InputData input, ScoredInput scored, IReadOnlyList<StepRange>? labelled = null, int channel = 0)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var signal = Signal(input, channel);
        return TimeSeriesCharts.Anomalies(signal, scored.Flags, labelled, input.Timestamps, input.Columns![channel],
            $"{Path.GetFileName(input.Source)}: {scored.FlaggedCount} of {signal.Length} steps flagged (score above {scored.Threshold.Name} = {scored.Threshold.Value:G4})");
    }

    /// <summary>
    /// The reconstruction of the window that starts at <paramref name="window"/> over the signal
    /// (<see cref="TimeSeriesCharts.WindowReconstruction"/>), with its score when <paramref name="scored"/> is given.
    /// </summary>
    /// <param name="trained">The model.</param>
    /// <param name="input">A time series read for it.</param>
    /// <param name="window">The window's first step, from 0 to <c>input.Count - 1</c>.</param>
    /// <param name="scored">The series' scores (for the window's score), or null.</param>
    /// <param name="channel">The channel to draw.</param>
    public static GenericChart WindowReconstruction(TrainedModel trained, InputData input, int window, ScoredInput? scored = null, int channel = 0)
    {
        ArgumentNullException.ThrowIfNull(trained);
        RequireSeries(input, channel);
        ArgumentOutOfRangeException.ThrowIfNegative(window);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(window, input.Count);
        using var scope = NewDisposeScope();
        var reconstruction = trained.Reconstruct(input.Samples.narrow(0, window, 1))[0].select(1, channel).to_type(ScalarType.Float64).data<double>().ToArray();
        return TimeSeriesCharts.WindowReconstruction(Signal(input, channel), reconstruction, window, input.Timestamps,
            scored?.WindowScores?[window], input.Columns![channel]);
    }

    /// <summary>The window with the highest score: where the model reconstructs the series worst.</summary>
    /// <param name="scored">Scores of a time series.</param>
    public static int WorstWindow(ScoredInput scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var windows = scored.WindowScores ?? throw new ArgumentException("these scores are not of a time series (no window scores)", nameof(scored));
        return Enumerable.Range(0, windows.Count).MaxBy(window => windows[window]);
    }

    private static void RequireSeries(InputData input, int channel)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Format != DataFormat.Windows)
        {
            throw new ArgumentException($"{input.Source} was read as {input.Format.ToString().ToLowerInvariant()}, not as a time series", nameof(input));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, input.Columns!.Count);
    }
}
