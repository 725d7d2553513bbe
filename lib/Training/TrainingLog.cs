namespace Autoencoders.Training;

/// <summary>
/// Progress as plain text, one line per finished epoch, for places that can only append output: a notebook cell in
/// any front end (Jupyter's stock .NET kernel cannot redraw a displayed value in place, so
/// <see cref="LiveTrainingReport"/> shows nothing there), a log file, a redirected console. In a notebook:
/// <c>trainer.Fit(train, validation, TrainingLog.To(Console.Out));</c>
/// </summary>
public sealed class TrainingLog : IProgress<TrainingProgress>
{
    private readonly TextWriter _writer;

    private TrainingLog(TextWriter writer) => _writer = writer;

    /// <summary>A log that writes each finished epoch's line (see <see cref="LiveTrainingReport.Describe"/>) to <paramref name="writer"/> and flushes it.</summary>
    public static TrainingLog To(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return new TrainingLog(writer);
    }

    /// <inheritdoc/>
    public void Report(TrainingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Completed is { } epoch)
        {
            // Flushed per line so that a notebook shows each epoch as it ends, not the whole log at the cell's end.
            _writer.WriteLine(LiveTrainingReport.Describe(epoch, value.Epochs));
            _writer.Flush();
        }
    }
}
