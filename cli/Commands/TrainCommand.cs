using System.Globalization;
using System.Text.Json;
using Autoencoders.Checkpoints;
using Autoencoders.Cli.Output;
using Autoencoders.Data;
using Autoencoders.Data.Preprocessing;
using Autoencoders.Evaluation;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Models;
using Autoencoders.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>Trains a model on a data set and saves the checkpoint and the history (the notebooks' step 3).</summary>
internal sealed class TrainCommand(IAnsiConsole console) : Command<TrainSettings>
{
    /// <summary>File name of the training history written next to the checkpoint.</summary>
    public const string HistoryFileName = "history.json";

    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        settings.LoadTorch(console);
        using var resumed = settings.Resume is null ? null : Checkpoint.Load(settings.Resume);
        var training = resumed is null ? TrainingOptionsFrom(settings) : resumed.Metadata.Training with { Epochs = settings.Epochs };
        using var data = settings.Load(settings.Dataset ?? Datasets.Digits);
        resumed?.Metadata.RequireInputShape(data.SampleShape, $"data set '{data.Name}'");
        using var normal = settings.ExcludeClass is { } excluded ? HeldOutClass.Split(data, excluded) : null;
        using var split = DataSplit.TrainValidation(normal?.Train ?? data.TrainFeatures, normal is null ? data.TrainLabels : null, settings.Validation, training.Seed);
        using var created = resumed is null ? CreateModel(settings, data, training.Seed) : null;
        var model = resumed?.Model ?? created!;
        using var trainer = new Trainer(model, training);
        if (resumed?.OptimizerStatePath is { } optimizerState)
        {
            trainer.LoadOptimizerState(optimizerState);
        }

        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Training a {model.Options.Kind.ToString().ToLowerInvariant()} autoencoder (latent {model.LatentSize}) on {data.Name}: " +
            $"{split.TrainFeatures.shape[0]:N0} training and {split.ValidationFeatures.shape[0]:N0} validation samples shaped [{string.Join(", ", data.SampleShape)}]."));
        var history = TrainingDisplay.Run(console, progress =>
            trainer.Fit(split.TrainFeatures, split.ValidationFeatures, progress, resumed?.Metadata.History, cancellationToken));

        Checkpoint.Save(settings.Out, model, training, history, trainer, data.Name, Preprocessing(data));
        AtomicFile.WriteAllText(Path.Combine(settings.Out, HistoryFileName), JsonSerializer.Serialize(history, Checkpoint.JsonOptions));
        PrintSummary(model, data, split, history, training.Epochs, settings.Out);
        return history.StopReason == StopReason.Cancelled ? CliApp.Interrupted : CliApp.Success;
    }

    private static TrainingOptions TrainingOptionsFrom(TrainSettings settings) => new(
        settings.Epochs, settings.BatchSize, settings.LearningRate, settings.Seed, settings.LossKind, settings.Noise,
        // Without early stopping the patience is unreachable, but the best weights are still tracked and kept.
        new EarlyStopping(Patience: settings.Patience > 0 ? settings.Patience : int.MaxValue, RestoreBestWeights: true),
        settings.ReduceLearningRate ? new ReduceOnPlateau() : null,
        settings.ClipNorm,
        settings.Device);

    private static Autoencoder CreateModel(TrainSettings settings, Dataset data, long seed)
    {
        var kind = settings.ModelKind;
        var output = kind == ModelKind.Linear ? OutputActivation.Identity : OutputActivation.Sigmoid;
        if (settings.LossKind == ReconstructionLoss.Bce && output != OutputActivation.Sigmoid)
        {
            throw new UserInputException("--loss bce needs outputs between 0 and 1, which the linear model does not give: use --loss mse.");
        }

        var options = new ModelOptions(kind, settings.Latent, settings.HiddenSizes, SparsityWeight: settings.Sparsity, Beta: settings.Beta, Output: output);
        try
        {
            return ModelFactory.Create(options, data.SampleShape, seed);
        }
        catch (ArgumentException error)
        {
            var hint = kind switch
            {
                ModelKind.Conv or ModelKind.Denoising => "use an image data set (digits, fashion-mnist, mnist or an IDX folder)",
                ModelKind.Sequence => "pass a .csv time series with --window N",
                _ => "check --latent and --hidden",
            };
            throw new UserInputException($"--model {settings.Model} cannot train on {data.Name}: {error.Message.Split(" (Parameter")[0]}; {hint}.", error);
        }
    }

    private static JsonElement? Preprocessing(Dataset data) =>
        data.Scaler is { } scaler ? JsonDocument.Parse(scaler.State.ToJson()).RootElement.Clone() : null;

    private void PrintSummary(Autoencoder model, Dataset data, TrainValidationSplit split, TrainingHistory history, int plannedEpochs, string folder)
    {
        var invariant = CultureInfo.InvariantCulture;
        var table = new Table().AddColumns("what", "value");
        table.AddRow("stopped", Markup.Escape(history.StopReason switch
        {
            StopReason.EarlyStopped => $"early, after epoch {history.Epochs.Count}",
            StopReason.Cancelled => $"interrupted, after epoch {history.Epochs.Count}",
            _ => $"after all {history.Epochs.Count} epochs",
        }));
        if (history.BestEpoch is { } best)
        {
            table.AddRow("best epoch (kept)", Markup.Escape(TrainingDisplay.Describe(history.Epochs.Single(e => e.Epoch == best), plannedEpochs)));
            table.AddRow("test MSE", ReconstructionError.Mean(model, data.TestFeatures).ToString("F5", invariant));
            if (model.Options.Output == OutputActivation.Sigmoid)
            {
                table.AddRow("test BCE", ReconstructionError.Mean(model, data.TestFeatures, ReconstructionLoss.Bce).ToString("F5", invariant));
            }

            if (model.LatentSize < Math.Min(split.TrainFeatures.shape[0], data.FeatureCount))
            {
                table.AddRow($"test MSE of PCA, {model.LatentSize} components", ReconstructionError.PcaBaseline(split.TrainFeatures, data.TestFeatures, model.LatentSize).ToString("F5", invariant));
            }
        }

        table.AddRow("checkpoint", Markup.Escape(Path.GetFullPath(folder)));
        console.Write(table);
    }
}
