using Autoencoders.Checkpoints;
using Autoencoders.Data;
using Autoencoders.Models;
using Autoencoders.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests;

/// <summary>
/// A run stopped anywhere (mid-epoch, after an early best epoch, after stopping early) and resumed from its checkpoint
/// repeats the uninterrupted run exactly: the same losses to the last bit and the same final weights.
/// </summary>
public sealed class ExactResumeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("resume-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, bool, int> Interruptions => new()
    {
        // (what, restore best weights, the epoch during which Ctrl+C arrives, after its second batch)
        { "last epoch kept", false, 3 },
        { "best epoch kept", true, 4 },
        { "first epoch", false, 1 },
    };

    [Theory]
    [MemberData(nameof(Interruptions))]
    public void A_run_cancelled_mid_epoch_and_resumed_repeats_the_uninterrupted_run(string what, bool restoreBest, int cancelledEpoch)
    {
        using var data = SyntheticData.LowRank(samples: 384, features: 16, rank: 2, seed: 21);
        using var validation = SyntheticData.LowRank(samples: 96, features: 16, rank: 3, seed: 22);
        var options = Options(restoreBest);
        using var straightModel = Dense(seed: 21);
        TrainingHistory straight;
        using (var trainer = new Trainer(straightModel, options))
        {
            straight = trainer.Fit(data, validation);
        }

        using var cancel = new CancellationTokenSource();
        using (var firstModel = Dense(seed: 21))
        using (var firstTrainer = new Trainer(firstModel, options))
        {
            var interrupted = firstTrainer.Fit(data, validation, new Inline(p =>
            {
                if (p.Epoch == cancelledEpoch && p.Batch == 2)
                {
                    cancel.Cancel();
                }
            }), cancellationToken: cancel.Token);
            Assert.Equal(StopReason.Cancelled, interrupted.StopReason);
            if (interrupted.Epochs.Count == 0)
            {
                return; // nothing to save: the CLI keeps the previous checkpoint (tested in TrainCommandTests)
            }

            Checkpoint.Save(_folder, firstModel, new CheckpointContent(null, options, new TrainingSelection(), interrupted), firstTrainer);
        }

        using var loaded = Checkpoint.Load(_folder);
        using var resumedTrainer = new Trainer(loaded.Model, options);
        resumedTrainer.LoadOptimizerState(loaded.OptimizerStatePath!);
        var resumed = resumedTrainer.Fit(data, validation, earlier: loaded.Metadata.History);

        Assert.Equal(straight.Epochs.Select(e => (e.Epoch, e.Loss, e.ValidationLoss)), resumed.Epochs.Select(e => (e.Epoch, e.Loss, e.ValidationLoss)));
        Assert.Equal(straight.StateEpoch, resumed.StateEpoch);
        Assert.True(Weights(straightModel).SequenceEqual(Weights(loaded.Model)), $"{what}: the final weights differ");
    }

    [Fact]
    public void The_kept_state_is_the_best_epochs_weights_and_optimiser_when_the_best_weights_are_restored()
    {
        using var data = SyntheticData.LowRank(samples: 384, features: 16, rank: 2, seed: 21);
        using var validation = SyntheticData.LowRank(samples: 96, features: 16, rank: 3, seed: 22);
        using var model = Dense(seed: 21);
        using var trainer = new Trainer(model, Options(restoreBest: true));

        var history = trainer.Fit(data, validation);

        // The validation data differ from the training data, so the best epoch comes before the last: the case that
        // resumed wrongly when the optimiser state of the last epoch was saved beside the best epoch's weights.
        Assert.Equal(history.BestEpoch, history.StateEpoch);
        Assert.True(history.StateEpoch < history.Epochs.Count, $"best epoch {history.BestEpoch} of {history.Epochs.Count}");
        Assert.Equal(history.Epochs.Where(e => e.Epoch <= history.StateEpoch), history.ResumableEpochs);
    }

    [Fact]
    public void A_run_that_stopped_early_stays_stopped_when_resumed_with_more_epochs()
    {
        using var data = SyntheticData.LowRank(samples: 256, features: 16, rank: 2, seed: 23);
        using var validation = SyntheticData.LowRank(samples: 64, features: 16, rank: 3, seed: 24);
        var options = Options(restoreBest: false) with { Epochs = 12, EarlyStopping = new EarlyStopping(Patience: 1, MinDelta: 10, RestoreBestWeights: false) };
        using var model = Dense(seed: 23);
        TrainingHistory first;
        using (var trainer = new Trainer(model, options))
        {
            first = trainer.Fit(data, validation);
            Assert.Equal(StopReason.EarlyStopped, first.StopReason);
            Checkpoint.Save(_folder, model, new CheckpointContent(null, options, new TrainingSelection(), first), trainer);
        }

        using var loaded = Checkpoint.Load(_folder);
        using var resumedTrainer = new Trainer(loaded.Model, options with { Epochs = 20 });
        resumedTrainer.LoadOptimizerState(loaded.OptimizerStatePath!);
        var resumed = resumedTrainer.Fit(data, validation, earlier: loaded.Metadata.History);

        Assert.Equal(StopReason.EarlyStopped, resumed.StopReason);
        Assert.Equal(first.Epochs, resumed.Epochs);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Keeping_and_restoring_the_state_leaks_no_tensors(bool restoreBest)
    {
        using var data = SyntheticData.LowRank(samples: 128, features: 16, rank: 2, seed: 25);
        using var validation = SyntheticData.LowRank(samples: 32, features: 16, rank: 3, seed: 26);
        using var model = Dense(seed: 25);
        using var cancel = new CancellationTokenSource();
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        using (var trainer = new Trainer(model, Options(restoreBest)))
        {
            trainer.Fit(data, validation, new Inline(p =>
            {
                if (p.Epoch == 5 && p.Batch == 1)
                {
                    cancel.Cancel();
                }
            }), cancellationToken: cancel.Token);
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    // Validation data of another rank than the training data: the validation loss turns up after a few epochs.
    private static TrainingOptions Options(bool restoreBest) => new(Epochs: 8, BatchSize: 32, LearningRate: 2e-2, Seed: 5, NoiseFactor: 0.05,
        EarlyStopping: new EarlyStopping(Patience: int.MaxValue, RestoreBestWeights: restoreBest));

    private static Autoencoder Dense(long seed) => ModelFactory.Create(new ModelOptions(ModelKind.Dense, LatentSize: 2, HiddenSizes: [8]), [16], seed);

    private static float[] Weights(Autoencoder model)
    {
        using var scope = NewDisposeScope();
        return cat([.. model.parameters().Select(p => p.detach().flatten())]).data<float>().ToArray();
    }

    private sealed class Inline(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
