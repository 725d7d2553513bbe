using System.Globalization;
using Autoencoders.Training;
using Spectre.Console;

namespace Autoencoders.Cli.Output;

/// <summary>
/// Shows training as it happens, Keras-style: on an interactive terminal a progress bar per epoch that ends as the
/// epoch's summary line; elsewhere (logs, CI, tests) just one line per epoch.
/// </summary>
internal static class TrainingDisplay
{
    public static T Run<T>(IAnsiConsole console, Func<IProgress<TrainingProgress>, T> fit)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            return fit(new Lines(console));
        }

        T? result = default;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context => result = fit(new Bars(context)));
        return result!;
    }

    public static string Describe(EpochResult epoch, int epochs) => LiveTrainingReport.Describe(epoch, epochs);

    // Synchronous on purpose: System.Progress<T> would post to the thread pool and print out of order.
    private sealed class Lines(IAnsiConsole console) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Completed is { } epoch)
            {
                console.WriteLine(Describe(epoch, value.Epochs));
            }
        }
    }

    private sealed class Bars(ProgressContext context) : IProgress<TrainingProgress>
    {
        private ProgressTask? _task;
        private int _epoch;

        public void Report(TrainingProgress value)
        {
            if (value.Completed is { } epoch)
            {
                if (_task is not null)
                {
                    _task.Description = Markup.Escape(Describe(epoch, value.Epochs));
                    _task.Value = _task.MaxValue;
                    _task.StopTask();
                }

                return;
            }

            if (_task is null || value.Epoch != _epoch)
            {
                _epoch = value.Epoch;
                _task = context.AddTask($"epoch {value.Epoch,3}/{value.Epochs}", maxValue: value.Batches);
            }

            _task.Value = value.Batch;
            _task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {value.Epoch,3}/{value.Epochs}  loss {value.RunningLoss:F5}");
        }
    }
}
