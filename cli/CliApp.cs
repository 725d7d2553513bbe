using Autoencoders.Cli.Commands;
using Autoencoders.Data;
using Autoencoders.Native;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli;

/// <summary>The command-line twin of the notebooks: verbs, and the mapping from failures to exit codes.</summary>
public static class CliApp
{
    /// <summary>Exit code of a run that did what was asked.</summary>
    public const int Success = 0;

    /// <summary>Exit code of an internal failure: a bug or a broken installation.</summary>
    public const int InternalError = 1;

    /// <summary>Exit code of a user mistake: a bad argument or a bad input file.</summary>
    public const int UserError = 2;

    /// <summary>Parses <paramref name="args"/>, runs the verb and returns the process exit code.</summary>
    /// <param name="args">The command line, without the program name.</param>
    /// <param name="console">Where results and progress go.</param>
    /// <param name="errors">Where the one-line error message goes.</param>
    public static int Run(string[] args, IAnsiConsole console, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("autoencoders");
            config.ConfigureConsole(console);
            config.PropagateExceptions();
            config.UseStrictParsing();
            config.AddCommand<RunCommand>("run")
                .WithDescription("Train an autoencoder and report how well it reconstructs (the README's command 1).")
                .WithExample("run", "--epochs", "5");
            config.AddCommand<DataCommand>("data")
                .WithDescription("Summarise a data set (counts, shape, classes, values); --show N writes example images to HTML.")
                .WithExample("data", "--dataset", "digits", "--show", "32");
            config.AddCommand<BenchCommand>("bench")
                .WithDescription("Measure the library's speed (loading IDX images against plain gzip decompression) and write bench.json and bench.md.")
                .WithExample("bench", "--dataset", "fashion-mnist");
            config.AddCommand<DoctorCommand>("doctor")
                .WithDescription("Load TorchSharp and show which native libraries were used, and whether a fix was applied.");
        });

        try
        {
            return app.Run(args);
        }
        catch (CommandConfigurationException error)
        {
            errors.WriteLine($"internal error: {error.Message}");
            return InternalError;
        }
        catch (CommandAppException error)
        {
            errors.WriteLine($"error: {OneLine(error.Message)} (see 'autoencoders --help')");
            return UserError;
        }
        catch (Exception error) when (error is UserInputException or DataInputException)
        {
            errors.WriteLine($"error: {OneLine(error.Message)}");
            return UserError;
        }
        catch (TorchRuntimeException error)
        {
            errors.WriteLine($"error: {OneLine(error.Message)}");
            return InternalError;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            errors.WriteLine($"internal error: {error}");
            return InternalError;
        }
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
