using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// Says in one line what a legal but huge request will cost before the verb starts (a million splits are a million
/// trainings), so a typo like <c>--epochs 1e9</c> is noticed at once instead of hours later. Nothing is refused: a
/// long run can be what the user wants, and Ctrl+C stops every one of them cleanly.
/// </summary>
internal sealed class CostNotes(IAnsiConsole console) : ICommandInterceptor
{
    /// <summary>Epochs beyond which a note is printed (the README's runs use 5 to 50).</summary>
    public const int ManyEpochs = 10_000;

    /// <summary>Splits or seeds beyond which a note is printed (the published protocols use 10 splits, 3 to 5 seeds).</summary>
    public const int ManyRepeats = 1_000;

    public void Intercept(CommandContext context, CommandSettings settings)
    {
        foreach (var note in Notes(settings))
        {
            console.WriteLine($"note: {note}; Ctrl+C stops it cleanly.");
        }
    }

    /// <summary>The notes for <paramref name="settings"/>, without the trailing advice.</summary>
    public static IEnumerable<string> Notes(CommandSettings settings)
    {
        switch (settings)
        {
            case TrainSettings { Epochs: > ManyEpochs } train:
                yield return Invariant($"--epochs {train.Epochs:N0} asks for up to {train.Epochs:N0} passes over the training data (early stopping ends sooner when the validation loss stops improving, unless --patience 0)");
                break;
            case AnomalyBenchmarkSettings benchmark:
                var epochs = benchmark.Epochs ?? 0;
                if (benchmark.Splits is > ManyRepeats and var splits)
                {
                    yield return Invariant($"--splits {splits:N0} trains {splits:N0} autoencoders, one per split, beside PCA and kNN (the published protocol uses 10)");
                }

                if (benchmark.Seeds is > ManyRepeats and var seeds)
                {
                    yield return Invariant($"--seeds {seeds:N0} trains one autoencoder per class and seed: {seeds:N0} × the classes (the published protocol uses 3 to 5 seeds)");
                }

                if (epochs > ManyEpochs)
                {
                    yield return Invariant($"--epochs {epochs:N0} trains every autoencoder of the benchmark for up to {epochs:N0} passes over its training data");
                }

                break;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
