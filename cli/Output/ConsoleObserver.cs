using System.Globalization;
using Autoencoders.Pipeline;
using Spectre.Console;

namespace Autoencoders.Cli.Output;

/// <summary>Shows a workflow on the terminal: steps as rules, messages as lines, training as live progress (see <see cref="TrainingDisplay"/>).</summary>
internal sealed class ConsoleObserver(IAnsiConsole console) : PipelineObserver
{
    public override void StepStarted(int number, int total, string title) =>
        console.Write(new Rule(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"Step {number}/{total}: {title}"))).LeftJustified());

    public override void Message(string line)
    {
        if (line.StartsWith("warning: ", StringComparison.Ordinal))
        {
            console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(line["warning: ".Length..])}");
        }
        else
        {
            console.WriteLine(line);
        }
    }

    public override T Counting<T>(string description, long total, Func<IProgress<long>?, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!console.Profile.Capabilities.Interactive)
        {
            console.WriteLine(char.ToUpperInvariant(description[0]) + description[1..] + " …");
            return work(null);
        }

        T? result = default;
        console.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(1, total));
                result = work(new Done(task));
            });
        return result!;
    }

    public override T Training<T>(Func<IProgress<Training.TrainingProgress>?, T> train) => TrainingDisplay.Run(console, train);

    // Synchronous on purpose, like TrainingDisplay's: System.Progress<T> would post to the thread pool.
    private sealed class Done(ProgressTask task) : IProgress<long>
    {
        public void Report(long value) => task.Value = value;
    }
}
