using Autoencoders.Checkpoints;
using Autoencoders.Data;
using Autoencoders.Models;
using Autoencoders.Training;
using static TorchSharp.torch;

namespace Autoencoders.Tests;

public sealed class TrainerTests : IDisposable
{
    private static readonly TrainingOptions Quick = new(Epochs: 5, BatchSize: 64, LearningRate: 1e-2, Seed: 7);
    private readonly string _folder = Directory.CreateTempSubdirectory("trainer-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_few_Adam_epochs_on_random_low_rank_data_lower_the_loss()
    {
        using var data = SyntheticData.LowRank(samples: 512, features: 32, rank: 3, seed: 1);
        using var model = Dense(32, seed: 1);

        var history = Train(model, data, Quick with { Epochs = 15 });

        Assert.Equal(15, history.Epochs.Count);
        Assert.Equal(StopReason.Completed, history.StopReason);
        Assert.True(history.FinalLoss < 0.75 * history.InitialLoss, $"loss went from {history.InitialLoss} to {history.FinalLoss}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_history_and_another_seed_a_different_one()
    {
        static IEnumerable<double> Losses(long seed)
        {
            using var data = SyntheticData.LowRank(samples: 256, features: 16, rank: 2, seed: 3);
            using var model = Dense(16, seed);
            return Train(model, data, Quick with { Seed = seed, NoiseFactor = 0.1 }).Epochs.Select(e => e.Loss).ToList();
        }

        Assert.Equal(Losses(3), Losses(3));
        Assert.NotEqual(Losses(3), Losses(4));
    }

    [Fact]
    public void Validation_loss_is_reported_every_epoch()
    {
        using var data = SyntheticData.LowRank(samples: 300, features: 16, rank: 2, seed: 4);
        using var validation = SyntheticData.LowRank(samples: 100, features: 16, rank: 2, seed: 5);
        using var model = Dense(16, seed: 4);
        using var trainer = new Trainer(model, Quick);

        var history = trainer.Fit(data, validation);

        Assert.All(history.Epochs, e => Assert.True(e.ValidationLoss > 0));
    }

    [Fact]
    public void Early_stopping_ends_a_stalled_run_and_restores_the_best_weights()
    {
        using var data = SyntheticData.LowRank(samples: 256, features: 16, rank: 2, seed: 6);
        // The untrained sigmoid outputs sit near 0.5; learning the data's spread moves them away, so the
        // validation loss against a constant 0.5 is best early and then worsens.
        using var validation = full(64, 16, 0.5f);
        using var model = Dense(16, seed: 6);
        var options = Quick with { Epochs = 20, EarlyStopping = new EarlyStopping(Patience: 2) };

        var history = Train(model, data, options, validation);

        Assert.Equal(StopReason.EarlyStopped, history.StopReason);
        var best = history.Epochs.Single(e => e.Epoch == history.BestEpoch);
        Assert.Equal(best.Epoch + 2, history.Epochs.Count);
        // Exact: the trainer scored the 64 validation rows in one batch with these weights, as MeanLoss does, so the
        // arithmetic is the same. The last epoch's weights score 22% worse.
        Assert.Equal(best.ValidationLoss!.Value, MeanLoss(model, validation));
    }

    [Fact]
    public void A_loss_that_becomes_NaN_stops_training_naming_the_epoch_and_batch()
    {
        using var data = SyntheticData.LowRank(samples: 128, features: 16, rank: 2, seed: 8);
        data[70, 3] = tensor(float.NaN);
        using var model = Dense(16, seed: 8);

        var error = Assert.Throws<TrainingDivergedException>(() => Train(model, data, Quick with { BatchSize = 32 }));

        Assert.Matches(@"epoch 1, batch \d of 4", error.Message);
        Assert.Contains("learning rate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resuming_from_a_checkpoint_repeats_an_uninterrupted_run_exactly()
    {
        using var data = SyntheticData.LowRank(samples: 256, features: 16, rank: 2, seed: 9);
        var options = Quick with { Epochs = 4, NoiseFactor = 0.1 };
        using var straightModel = Dense(16, seed: 9);
        var straight = Train(straightModel, data, options);

        using (var firstModel = Dense(16, seed: 9))
        using (var firstTrainer = new Trainer(firstModel, options with { Epochs = 2 }))
        {
            var firstHalf = firstTrainer.Fit(data);
            Checkpoint.Save(_folder, firstModel, new CheckpointContent(null, options, new TrainingSelection(), firstHalf), firstTrainer);
        }

        using var loaded = Checkpoint.Load(_folder);
        using var resumedTrainer = new Trainer(loaded.Model, options);
        resumedTrainer.LoadOptimizerState(loaded.OptimizerStatePath!);
        var resumed = resumedTrainer.Fit(data, earlier: loaded.Metadata.History);

        // Exact: the same batches through the same weights and optimiser state in the same process.
        Assert.Equal(straight.Epochs.Select(e => e.Loss), resumed.Epochs.Select(e => e.Loss));
    }

    [Fact]
    public void Cancelling_stops_after_the_current_batch_and_keeps_the_finished_epochs()
    {
        using var data = SyntheticData.LowRank(samples: 256, features: 16, rank: 2, seed: 10);
        using var model = Dense(16, seed: 10);
        using var cancellation = new CancellationTokenSource();
        var progress = new Inline(p =>
        {
            if (p.Completed?.Epoch == 2)
            {
                cancellation.Cancel();
            }
        });
        using var trainer = new Trainer(model, Quick);

        var history = trainer.Fit(data, progress: progress, cancellationToken: cancellation.Token);

        Assert.Equal(StopReason.Cancelled, history.StopReason);
        Assert.Equal(2, history.Epochs.Count);
    }

    [Fact]
    public void A_stalled_loss_lowers_the_learning_rate()
    {
        using var data = SyntheticData.LowRank(samples: 128, features: 16, rank: 2, seed: 11);
        using var model = Dense(16, seed: 11);
        // An improvement must exceed 1.0 to count, so every epoch after the first is a stall.
        var options = Quick with { Epochs = 4, LearningRate = 1e-3, ReduceOnPlateau = new ReduceOnPlateau(Factor: 0.5, Patience: 1, MinLearningRate: 4e-4, MinDelta: 1.0) };

        var history = Train(model, data, options);

        Assert.Equal([1e-3, 1e-3, 5e-4, 4e-4], history.Epochs.Select(e => Math.Round(e.LearningRate, 10)));
    }

    [Fact]
    public void Gradient_clipping_and_every_loss_train_without_error()
    {
        using var data = SyntheticData.LowRank(samples: 128, features: 16, rank: 2, seed: 12);
        foreach (var loss in Enum.GetValues<ReconstructionLoss>())
        {
            using var model = Dense(16, seed: 12);
            var history = Train(model, data, Quick with { Loss = loss, GradientClipNorm = 1.0 });
            Assert.True(history.FinalLoss < history.InitialLoss, $"{loss} did not fall");
        }
    }

    [Fact]
    public void Options_out_of_range_are_refused_with_their_name()
    {
        Assert.Contains("BatchSize", Assert.Throws<ArgumentException>(() => (Quick with { BatchSize = 0 }).Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("Device", Assert.Throws<ArgumentException>(() => (Quick with { Device = "tpu" }).Validate()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_of_the_wrong_shape_is_refused_before_training()
    {
        using var data = rand(10, 15);
        using var model = Dense(16, seed: 0);
        using var trainer = new Trainer(model, Quick);

        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(data));

        Assert.Contains("[15]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[16]", error.Message, StringComparison.Ordinal);
    }

    internal static Autoencoder Dense(int features, long seed) =>
        ModelFactory.Create(new ModelOptions(ModelKind.Deep, LatentSize: 4, HiddenSizes: [8]), [features], seed);

    private static TrainingHistory Train(Autoencoder model, Tensor data, TrainingOptions options, Tensor? validation = null)
    {
        using var trainer = new Trainer(model, options);
        return trainer.Fit(data, validation);
    }

    private static double MeanLoss(Autoencoder model, Tensor data)
    {
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return Losses.Reconstruction(ReconstructionLoss.Mse, model.forward(data), data).item<float>();
    }

    private sealed class Inline(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}

public class LiveTrainingReportTests
{
    [Fact]
    public void Each_update_holds_every_finished_epoch_and_the_running_one()
    {
        var updates = new List<string>();
        var report = LiveTrainingReport.To(updates.Add, TimeSpan.Zero);

        report.Report(new TrainingProgress(1, 2, 5, 10, 0.5, null));
        report.Report(new TrainingProgress(1, 2, 10, 10, 0.4, null));
        report.Report(new TrainingProgress(1, 2, 0, 0, 0.4, new EpochResult(1, 0.4, 0.45, 1e-3, 1.5)));
        report.Report(new TrainingProgress(2, 2, 3, 10, 0.3, null));

        Assert.Equal(4, updates.Count);
        Assert.Contains("[##########..........] 5/10", updates[0], StringComparison.Ordinal);
        Assert.Equal("epoch   1/2  loss 0.40000  val 0.45000  lr 0.001  1.5 s" + Environment.NewLine, updates[2]);
        Assert.StartsWith(updates[2], updates[3], StringComparison.Ordinal);
        Assert.Contains("epoch   2/2  [######..............] 3/10", updates[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Updates_during_an_epoch_are_throttled_but_epoch_ends_always_come_through()
    {
        var updates = new List<string>();
        var report = LiveTrainingReport.To(updates.Add, TimeSpan.FromHours(1));

        for (var batch = 1; batch <= 100; batch++)
        {
            report.Report(new TrainingProgress(1, 1, batch, 100, 0.1, null));
        }

        report.Report(new TrainingProgress(1, 1, 0, 0, 0.1, new EpochResult(1, 0.1, null, 1e-3, 2)));

        Assert.Equal(2, updates.Count);
        Assert.StartsWith("epoch   1/1  loss 0.10000  lr 0.001", updates[1], StringComparison.Ordinal);
    }
}

public class TrainingLogTests
{
    [Fact]
    public void Only_finished_epochs_are_written_one_line_each_in_order()
    {
        using var writer = new StringWriter();
        var log = TrainingLog.To(writer);

        log.Report(new TrainingProgress(1, 2, 5, 10, 0.5, null));
        log.Report(new TrainingProgress(1, 2, 0, 0, 0.4, new EpochResult(1, 0.4, 0.45, 1e-3, 1.5)));
        log.Report(new TrainingProgress(2, 2, 3, 10, 0.3, null));
        log.Report(new TrainingProgress(2, 2, 0, 0, 0.3, new EpochResult(2, 0.3, null, 1e-4, 1.25)));

        Assert.Equal(
            ["epoch   1/2  loss 0.40000  val 0.45000  lr 0.001  1.5 s", "epoch   2/2  loss 0.30000  lr 0.0001  1.2 s"],
            writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
