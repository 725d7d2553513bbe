using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Autoencoders.Training;

/// <summary>
/// Progress for places that can redraw one piece of output: every update hands the whole report so far (one line per
/// finished epoch, then the running epoch) to a callback. In VS Code's Polyglot Notebooks:
/// <c>var view = display(""); trainer.Fit(train, validation, LiveTrainingReport.To(text => view.Update(text)));</c>
/// In Jupyter the stock .NET kernel cannot redraw a display, so use <see cref="TrainingLog"/> there.
/// </summary>
public sealed class LiveTrainingReport : IProgress<TrainingProgress>
{
    private readonly Action<string> _update;
    private readonly TimeSpan _interval;
    private readonly Stopwatch _sinceUpdate = Stopwatch.StartNew();
    private readonly StringBuilder _finished = new();
    private bool _updatedOnce;

    private LiveTrainingReport(Action<string> update, TimeSpan interval)
    {
        _update = update;
        _interval = interval;
    }

    /// <summary>
    /// A report that calls <paramref name="update"/> at each epoch's end and at most every
    /// <paramref name="interval"/> (default 0.25 s) during an epoch, so redrawing never slows training down.
    /// </summary>
    public static LiveTrainingReport To(Action<string> update, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(update);
        return new LiveTrainingReport(update, interval ?? TimeSpan.FromSeconds(0.25));
    }

    /// <summary>One line describing a finished epoch.</summary>
    public static string Describe(EpochResult epoch, int epochs)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        var validation = epoch.ValidationLoss is { } value ? string.Create(CultureInfo.InvariantCulture, $"  val {value:F5}") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"epoch {epoch.Epoch,3}/{epochs}  loss {epoch.Loss:F5}{validation}  lr {epoch.LearningRate:G3}  {epoch.Seconds:F1} s");
    }

    /// <inheritdoc/>
    public void Report(TrainingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Completed is { } epoch)
        {
            _finished.AppendLine(Describe(epoch, value.Epochs));
            Send(_finished.ToString());
            return;
        }

        if (!_updatedOnce || _sinceUpdate.Elapsed >= _interval)
        {
            var bar = new string('#', (int)(20.0 * value.Batch / Math.Max(1, value.Batches))).PadRight(20, '.');
            Send(_finished + string.Create(CultureInfo.InvariantCulture,
                $"epoch {value.Epoch,3}/{value.Epochs}  [{bar}] {value.Batch}/{value.Batches}  loss {value.RunningLoss:F5}"));
        }
    }

    private void Send(string text)
    {
        _updatedOnce = true;
        _sinceUpdate.Restart();
        _update(text);
    }
}
