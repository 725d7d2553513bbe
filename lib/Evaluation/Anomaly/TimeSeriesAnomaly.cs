using System.Globalization;
using Autoencoders.Data;
using Autoencoders.Data.Preprocessing;
using Autoencoders.Data.TimeSeries;
using static TorchSharp.torch;

namespace Autoencoders.Evaluation.Anomaly;

/// <summary>The time-series case: learn normal windows of a labelled series, then detect windows holding an anomaly.</summary>
public static class TimeSeriesAnomaly
{
    /// <summary>
    /// Cuts the series in <paramref name="path"/> into windows <c>(n, length, channels)</c> and splits them in time:
    /// the normal windows that end within the first <see cref="TimeSeriesAnomalyOptions.TrainFraction"/> of the
    /// steps train; every window that starts after that point is a test sample, an anomaly when any of its steps is
    /// labelled anomalous. Windows across the boundary are dropped, so no step is in both parts. Each channel is
    /// scaled with statistics of the normal training windows only (the split's <see cref="AnomalySplit.Scaler"/>).
    /// </summary>
    /// <param name="path">A CSV file such as <c>data/sensors.csv</c>.</param>
    /// <param name="options">Columns, window, split and scaling; null takes the defaults.</param>
    /// <exception cref="DataInputException">The file is unusable, or a part lacks normal windows or anomalies.</exception>
    public static AnomalySplit Split(string path, TimeSeriesAnomalyOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new TimeSeriesAnomalyOptions();
        if (!(options.TrainFraction > 0 && options.TrainFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.TrainFraction, "TrainFraction must be between 0 and 1");
        }

        using var windows = TimeSeriesWindows.FromCsv(path,
            new TimeSeriesCsvOptions(options.EffectiveColumns, options.Length, options.Stride, options.LabelColumn));
        var labels = windows.Labels!.data<long>().ToArray();
        var steps = ((labels.Length - 1L) * options.Stride) + options.Length;
        var boundary = (long)Math.Round(options.TrainFraction * steps);
        var train = new List<long>();
        var test = new List<long>();
        for (var i = 0; i < labels.Length; i++)
        {
            var start = (long)i * options.Stride;
            if (start + options.Length <= boundary && labels[i] == 0)
            {
                train.Add(i);
            }
            else if (start >= boundary)
            {
                test.Add(i);
            }
        }

        var flags = test.Select(i => labels[i] != 0).ToArray();
        var where = string.Create(CultureInfo.InvariantCulture, $"{path}: with windows of {options.Length} steps every {options.Stride} and the first {options.TrainFraction:P0} of the steps for training,");
        if (train.Count == 0)
        {
            throw new DataInputException($"{where} no training window is normal; use a larger TrainFraction or shorter windows");
        }

        if (!flags.Contains(true) || !flags.Contains(false))
        {
            throw new DataInputException(
                $"{where} the test windows hold {flags.Count(flag => flag)} anomalous and {flags.Count(flag => !flag)} normal ones; " +
                $"detection needs both: change TrainFraction or check the label column '{options.LabelColumn}'");
        }

        using var scope = NewDisposeScope();
        var trainWindows = windows.Windows.index_select(0, tensor(train.ToArray()));
        var testWindows = windows.Windows.index_select(0, tensor(test.ToArray()));
        var scaler = new FeatureScaler(options.Scaling).Fit(trainWindows);
        return new AnomalySplit(
            string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(path)}: {train.Count} normal training windows, {test.Count} test windows"),
            scaler.Transform(trainWindows), scaler.Transform(testWindows), flags)
        {
            Scaler = scaler,
        };
    }
}
