using Autoencoders.Training;

namespace Autoencoders.Pipeline;

/// <summary>
/// Hears what a workflow (<see cref="Verbs.Workflows"/>) is doing: steps, messages and training progress. The base class
/// ignores everything; the CLI shows it on the terminal, <see cref="ForWriter"/> writes plain lines (logs, notebooks).
/// </summary>
public class PipelineObserver
{
    /// <summary>An observer that ignores everything.</summary>
    public static PipelineObserver Silent { get; } = new();

    /// <summary>An observer that writes steps, messages and one line per finished epoch to <paramref name="writer"/>.</summary>
    public static PipelineObserver ForWriter(TextWriter writer) => new WriterObserver(writer);

    /// <summary>A numbered step begins.</summary>
    public virtual void StepStarted(int number, int total, string title)
    {
    }

    /// <summary>Something worth one line: what is about to happen, a warning, a file written.</summary>
    public virtual void Message(string line)
    {
    }

    /// <summary>
    /// Runs <paramref name="work"/> over <paramref name="total"/> items, handing it where to report how many are done
    /// (override to show it).
    /// </summary>
    public virtual T Counting<T>(string description, long total, Func<IProgress<long>?, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return work(null);
    }

    /// <summary>Runs <paramref name="train"/>, handing it where to report progress (override to show it).</summary>
    public virtual T Training<T>(Func<IProgress<TrainingProgress>?, T> train)
    {
        ArgumentNullException.ThrowIfNull(train);
        return train(null);
    }

    private sealed class WriterObserver(TextWriter writer) : PipelineObserver
    {
        public override void StepStarted(int number, int total, string title) => Message($"Step {number}/{total}: {title}");

        public override void Message(string line)
        {
            writer.WriteLine(line);
            writer.Flush();
        }

        public override T Training<T>(Func<IProgress<TrainingProgress>?, T> train)
        {
            ArgumentNullException.ThrowIfNull(train);
            return train(TrainingLog.To(writer));
        }
    }
}
