using Spectre.Console;

namespace Autoencoders.Cli.Commands;

/// <summary>
/// How a verb that writes its output at the end stops on Ctrl+C or SIGTERM: the work throws
/// <see cref="OperationCanceledException"/> at its next check (a batch, a file), nothing has been renamed into place yet,
/// and the verb says so and exits with <see cref="CliApp.Interrupted"/> (the CLI turns it into 143 for SIGTERM).
/// </summary>
internal static class Interruption
{
    /// <summary>Runs <paramref name="work"/>, or says that <paramref name="output"/> was left as it was when <paramref name="cancellationToken"/> stopped it.</summary>
    public static int Run(IAnsiConsole console, string output, Func<int> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            return work();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.WriteLine($"Interrupted: nothing written, {output} is unchanged.");
            return CliApp.Interrupted;
        }
    }
}
