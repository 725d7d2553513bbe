using System.Runtime.InteropServices;
using Autoencoders.Cli.Commands;
using Autoencoders.Cli.Notebooks;
using Autoencoders.Data;
using Autoencoders.IO;
using Autoencoders.Native;
using Autoencoders.Training;
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

    /// <summary>Exit code of a run stopped by Ctrl+C after saving what it had (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    /// <summary>Exit code of a run stopped by SIGTERM after saving what it had (128 + SIGTERM); verbs return <see cref="Interrupted"/> for both.</summary>
    public const int Terminated = 143;

    // libtorch is loaded (one thread, no load sampling) so that the version printed is the one this installation runs.
    private static int PrintVersions(IAnsiConsole console)
    {
        var runtime = TorchRuntime.EnsureLoaded(threads: 1);
        console.WriteLine($"autoencoders {RunEnvironment.LibraryVersion}");
        console.WriteLine($"TorchSharp {runtime.TorchSharpVersion}");
        console.WriteLine($"libtorch {runtime.LibTorchVersion}");
        return Success;
    }

    /// <summary>Parses <paramref name="args"/>, runs the verb and returns the process exit code.</summary>
    /// <param name="args">The command line, without the program name.</param>
    /// <param name="console">Where results and progress go.</param>
    /// <param name="errors">Where the one-line error message goes.</param>
    public static int Run(string[] args, IAnsiConsole console, TextWriter errors) => Run(args, console, errors, CancellationToken.None);

    /// <summary>As <see cref="Run(string[], IAnsiConsole, TextWriter)"/>, also stopping when <paramref name="stop"/> is cancelled (as Ctrl+C does).</summary>
    internal static int Run(string[] args, IAnsiConsole console, TextWriter errors, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("autoencoders");
            config.ConfigureConsole(console);
            config.PropagateExceptions();
            config.UseStrictParsing();
            config.SetInterceptor(new InterceptorChain(new OptionValues(), new CostNotes(console)));
            config.AddCommand<RunCommand>("run")
                .WithDescription("Train an autoencoder and report how well it reconstructs (the README's command 1).")
                .WithExample("run", "--epochs", "5");
            config.AddCommand<DataCommand>("data")
                .WithDescription("Summarise a data set (counts, shape, classes, values); --show N writes example images to HTML.")
                .WithExample("data", "--dataset", "digits", "--show", "32");
            config.AddCommand<BenchCommand>("bench")
                .WithDescription("Measure speed as ratios taken in one run (training and encoding throughput against the matmul peak, trainer overhead, contention, memory, IDX loading) and write bench.json and bench.md.")
                .WithExample("bench", "--dataset", "fashion-mnist");
            config.AddCommand<TrainCommand>("train")
                .WithDescription("Train an autoencoder on a data set; saves the checkpoint and history.json. Ctrl+C stops and keeps the best weights.")
                .WithExample("train", "--dataset", "digits", "--model", "conv", "--latent", "32", "--epochs", "10");
            config.AddCommand<EvaluateCommand>("evaluate")
                .WithDescription("Judge a trained model: metrics.json (reconstruction, PCA baseline, kNN, anomaly detection) and offline figures.")
                .WithExample("evaluate", "--checkpoint", "out/train", "--out", "out/evaluate");
            config.AddCommand<EncodeCommand>("encode")
                .WithDescription("Apply a saved model to new data: write each sample's code (id,z0,…) to a CSV file.")
                .WithExample("encode", "--checkpoint", "out/train", "--input", "new.csv", "--out", "out/codes.csv");
            config.AddCommand<ReconstructCommand>("reconstruct")
                .WithDescription("Apply a saved model to new data: write its reconstructions (a CSV in the input's units, or a PNG per image and an HTML grid).")
                .WithExample("reconstruct", "--checkpoint", "out/train", "--input", "images/", "--out", "out/reconstructions");
            config.AddCommand<ScoreCommand>("score")
                .WithDescription("Apply a saved model to new data: write each sample's anomaly score and flag (id,score,anomaly) with the training's threshold.")
                .WithExample("score", "--checkpoint", "out/train", "--input", "new.csv", "--out", "out/scores.csv", "--threshold", "p99");
            config.AddCommand<ExportCommand>("export")
                .WithDescription("Write a checkpoint's weights for PyTorch (a torch.save file or safetensors) with its checkpoint.json beside them (docs/pytorch.md), or the whole detector as one ONNX file for ONNX Runtime, ML.NET and browsers (docs/onnx.md).")
                .WithExample("export", "--checkpoint", "out/train", "--format", "safetensors", "--out", "out/pytorch/model.safetensors")
                .WithExample("export", "--checkpoint", "out/train", "--format", "onnx", "--out", "out/detector.onnx");
            config.AddCommand<AnomalyBenchmarkCommand>("anomaly-benchmark")
                .WithDescription("Benchmark anomaly detection as published: the autoencoder beside PCA (and PyOD's PCA) and kNN, on seeded random splits of a table or one class at a time on images; writes anomaly-benchmark.json and an offline page.")
                .WithExample("anomaly-benchmark", "--dataset", "data/odds/cardio.csv", "--label-column", "label", "--protocol", "random-splits", "--splits", "10", "--train-fraction", "0.6", "--out", "out/cardio")
                .WithExample("anomaly-benchmark", "--dataset", "digits", "--protocol", "one-class", "--seeds", "3", "--out", "out/one-class-digits");
            config.AddBranch("nab", nab =>
            {
                nab.SetDescription("The Numenta Anomaly Benchmark: run the online autoencoder over NAB's corpus, or score any detector's results, by NAB's rules (docs/nab.md).");
                nab.AddCommand<NabRunCommand>("run")
                    .WithDescription("Run the online detector over every corpus file (learning from each file's first 15 %), write NAB's results layout, score it beside the published scoreboard; nab.json and nab.html.")
                    .WithExample("nab", "run", "--corpus", "data/nab-corpus", "--out", "out/nab");
                nab.AddCommand<NabScoreCommand>("score")
                    .WithDescription("Score a detector's results in NAB's layout (<detector>/<category>/<detector>_<file>.csv) as NAB does, beside the published scoreboard; nab.json and nab.html.")
                    .WithExample("nab", "score", "--results", "out/nab/autoencoder", "--corpus", "data/nab-corpus");
            });
            config.AddBranch("notebooks", notebooks =>
            {
                notebooks.SetDescription("The workbook in notebooks/: keep each .ipynb generated from its .dib, and its pages in docs/workbook/ rendered from executed notebooks.");
                notebooks.AddCommand<NotebooksSyncCommand>("sync")
                    .WithDescription("Write each notebook's .ipynb (without outputs) from its .dib; --check only reports differences.")
                    .WithExample("notebooks", "sync", "--check");
                notebooks.AddCommand<NotebooksRenderCommand>("render")
                    .WithDescription("Write docs/workbook/: a Markdown page per executed notebook (code, text outputs, figures as PNG files) and an index; --check only reports pages whose code no longer matches their .dib.")
                    .WithExample("notebooks", "render")
                    .WithExample("notebooks", "render", "--check");
            });
            config.AddBranch("docs", docs =>
            {
                docs.SetDescription("The project's generated documentation.");
                docs.AddCommand<Docs.CliReferenceCommand>("cli")
                    .WithDescription("Write docs/cli.md, this reference, from every command's help; --check only reports whether it is stale.")
                    .WithExample("docs", "cli", "--check");
            });
            config.AddCommand<DoctorCommand>("doctor")
                .WithDescription("Load TorchSharp and show which native libraries were used, and whether a fix was applied.");
        });

        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(stop);
        ConsoleCancelEventHandler onCancel = (_, press) =>
        {
            // The first Ctrl+C asks the running verb to stop cleanly; a second one ends the process at once.
            press.Cancel = !interrupt.IsCancellationRequested;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;

        // SIGTERM (kill, systemd, docker stop) stops as cleanly as Ctrl+C: the run saves what it has; a second one ends it.
        var terminated = false;
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = !interrupt.IsCancellationRequested;
            Volatile.Write(ref terminated, !interrupt.IsCancellationRequested || Volatile.Read(ref terminated));
            interrupt.Cancel();
        });
        try
        {
            if (args is ["--version"])
            {
                return PrintVersions(console);
            }

            var code = app.Run(args, interrupt.Token);
            return code == Interrupted && Volatile.Read(ref terminated) ? Terminated : code;
        }
        catch (CommandConfigurationException error)
        {
            errors.WriteLine($"internal error: {error.Message}");
            return InternalError;
        }
        catch (CommandAppException error)
        {
            errors.WriteLine($"error: {OptionValues.ConversionMessage(args, error.Message) ?? OneLine(error.Message)} (see 'autoencoders --help')");
            return UserError;
        }
        catch (Exception error) when (error is UserInputException or DataInputException or TrainingDivergedException or DeviceUnavailableException)
        {
            errors.WriteLine($"error: {OneLine(error.Message)}");
            return UserError;
        }
        catch (OutputInUseException error)
        {
            errors.WriteLine($"error: {OneLine(error.Message)}");
            return UserError;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Reading or writing the user's paths: a missing folder, no permission, a full disk, a file where a folder belongs.
            errors.WriteLine($"error: {OneLine(error.Message)} (check the path, its permissions and the free space)");
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
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>The longest error message printed: the whole line stays readable (issue 25: a 10,000-column header made one of 89,361 characters).</summary>
    internal const int MaximumMessageLength = 290;

    private static string OneLine(string message) =>
        Listing.Clip(string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), MaximumMessageLength);
}
