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

    public override T Training<T>(Func<IProgress<Training.TrainingProgress>?, T> train) => TrainingDisplay.Run(console, train);
}
