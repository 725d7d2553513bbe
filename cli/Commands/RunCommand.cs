using System.ComponentModel;
using System.Globalization;
using Autoencoders.Data;
using Autoencoders.Models;
using Autoencoders.Native;
using Autoencoders.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>The main job. For now a smoke run: train a small dense autoencoder on seeded synthetic data.</summary>
internal sealed class RunCommand(IAnsiConsole console) : Command<RunCommand.Settings>
{
    /// <summary>Options of the run verb.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--epochs <N>")]
        [Description("Passes over the training data.")]
        [DefaultValue(10)]
        public int Epochs { get; init; } = 10;

        [CommandOption("--latent <N>")]
        [Description("Size of the code (latent space).")]
        [DefaultValue(8)]
        public int Latent { get; init; } = 8;

        [CommandOption("--batch-size <N>")]
        [Description("Samples per optimiser step.")]
        [DefaultValue(128)]
        public int BatchSize { get; init; } = 128;

        [CommandOption("--lr <RATE>")]
        [Description("Adam's learning rate.")]
        [DefaultValue(1e-2)]
        public double LearningRate { get; init; } = 1e-2;

        [CommandOption("--seed <N>")]
        [Description("Seeds data, weights and shuffling; the same seed gives the same losses.")]
        [DefaultValue(42L)]
        public long Seed { get; init; } = 42;

        public override ValidationResult Validate()
        {
            if (Epochs < 1)
            {
                return ValidationResult.Error($"--epochs must be at least 1 (got {Epochs}).");
            }

            if (Latent < 1)
            {
                return ValidationResult.Error($"--latent must be at least 1 (got {Latent}).");
            }

            if (BatchSize < 1)
            {
                return ValidationResult.Error($"--batch-size must be at least 1 (got {BatchSize}).");
            }

            return LearningRate > 0 && !double.IsInfinity(LearningRate)
                ? ValidationResult.Success()
                : ValidationResult.Error($"--lr must be a positive number (got {LearningRate}).");
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        TorchRuntime.EnsureLoaded();
        using var data = SyntheticData.LowRank(samples: 2048, features: 64, rank: 4, seed: settings.Seed);
        var modelOptions = new ModelOptions(ModelKind.Deep, settings.Latent, HiddenSizes: [32]);
        using var model = ModelFactory.Create(modelOptions, [64], settings.Seed);
        console.MarkupLine($"Training a dense autoencoder 64-32-{settings.Latent}-32-64 on 2,048 synthetic samples (rank 4).");

        var options = new TrainingOptions(settings.Epochs, settings.BatchSize, settings.LearningRate, settings.Seed);
        using var trainer = new Trainer(model, options);
        var history = trainer.Fit(data, progress: new Progress(console), cancellationToken: cancellationToken);

        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Reconstruction MSE fell from {history.InitialLoss:F5} to {history.FinalLoss:F5} in {settings.Epochs} epochs."));
        return CliApp.Success;
    }

    // Synchronous on purpose: System.Progress<T> would post to the thread pool and print out of order.
    private sealed class Progress(IAnsiConsole console) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Completed is { } epoch)
            {
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch.Epoch,3}  loss {epoch.Loss:F5}"));
            }
        }
    }
}
