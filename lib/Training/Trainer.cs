using System.Diagnostics;
using System.Globalization;
using Autoencoders.Data.Preprocessing;
using Autoencoders.Models;
using Autoencoders.Native;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Autoencoders.Training;

/// <summary>
/// Fits an autoencoder by minimising reconstruction loss with Adam, like Keras' <c>compile</c> + <c>fit</c>:
/// shuffled mini-batches, optional validation, early stopping, a plateau schedule, gradient clipping,
/// cancellation and progress reports. The trainer owns the optimiser (so its state can be saved for a resumed
/// run); the caller keeps ownership of the model and the data.
/// </summary>
public sealed class Trainer : IDisposable
{
    // TorchSharp's Adam turns every constant of every parameter update into a native Scalar that only its finalizer
    // frees (dotnet/TorchSharp#1496), and these small objects rarely prompt a collection. Left alone, they stay scattered
    // among the freed activations and the native heap keeps growing: dense 784-32-784 on Fashion-MNIST reached 2 GB
    // resident after 5 epochs with ~80,000 page faults per epoch. Finalizing them every 8 batches keeps it near 440 MB
    // and made epochs ~15% shorter; every batch cost more than it saved (docs/bench.md, native-heap).
    private const int BatchesPerFinalization = 8;

    private readonly Autoencoder _model;
    private readonly TrainingOptions _options;
    private readonly Device _device;
    private readonly Adam _optimizer;

    /// <summary>Moves the model to the options' device and creates the optimiser.</summary>
    public Trainer(Autoencoder model, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _model = model;
        _options = options;
        _device = Devices.Resolve(options.Device);
        model.to(_device);
        _optimizer = optim.Adam(model.parameters(), options.LearningRate);
    }

    /// <summary>Trains the model in place and returns what happened epoch by epoch.</summary>
    /// <param name="train">Training samples <c>(n, ...model.InputShape)</c>.</param>
    /// <param name="validation">Validation samples of the same shape, or null.</param>
    /// <param name="progress">Receives a report after every batch and every epoch; called on the training thread.</param>
    /// <param name="earlier">To resume: the history of the run so far; training continues at its next epoch.</param>
    /// <param name="cancellationToken">Stops after the current batch; the unfinished epoch is discarded.</param>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public TrainingHistory Fit(Tensor train, Tensor? validation = null, IProgress<TrainingProgress>? progress = null,
        TrainingHistory? earlier = null, CancellationToken cancellationToken = default)
    {
        _model.RequireSamples(train, nameof(train));
        if (validation is not null)
        {
            _model.RequireSamples(validation, nameof(validation));
        }

        TorchRuntime.ApplyThreadsToCurrentThread();
        var run = new Run(_model, _optimizer, _options, _device, progress, cancellationToken);
        return run.Execute(train, validation, earlier ?? TrainingHistory.Empty);
    }

    /// <summary>Writes Adam's state (moment estimates, step counts) so that a resumed run continues exactly.</summary>
    public void SaveOptimizerState(string path) => _optimizer.save_state_dict(path);

    /// <summary>Reads a state written by <see cref="SaveOptimizerState"/>.</summary>
    public void LoadOptimizerState(string path) => _optimizer.load_state_dict(path);

    /// <inheritdoc/>
    public void Dispose() => _optimizer.Dispose();

    /// <summary>
    /// The seed of one epoch's generator, which draws its shuffling, input noise and VAE samples: a resumed run
    /// repeats an uninterrupted one, and other threads using torch's global generator cannot disturb a run.
    /// </summary>
    internal static long EpochSeed(long seed, int epoch) => unchecked((seed * 1_000_003) + epoch);

    private sealed class Run(Autoencoder model, Adam optimizer, TrainingOptions options, Device device,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        private readonly double _noise = options.NoiseFactor ?? (model.Options.Kind == ModelKind.Denoising ? 0.5 : 0.0);
        private readonly bool _clipNoise = model.Options.EffectiveOutput == OutputActivation.Sigmoid;

        public TrainingHistory Execute(Tensor train, Tensor? validation, TrainingHistory earlier)
        {
            var epochs = new List<EpochResult>(earlier.ResumableEpochs);
            var learningRate = epochs.Count > 0 ? epochs[^1].LearningRate : options.LearningRate;
            SetLearningRate(learningRate);
            var stopping = options.EarlyStopping is { } early ? new PlateauTracker(early.Patience, early.MinDelta) : null;
            var plateau = options.ReduceOnPlateau is { } reduce ? new PlateauTracker(reduce.Patience, reduce.MinDelta) : null;
            var restoreBest = options.EarlyStopping?.RestoreBestWeights == true;
            var reason = Replay(epochs, stopping, plateau);
            var bestLoss = restoreBest && epochs.Count > 0 ? epochs.Min(e => e.MonitoredLoss) : double.PositiveInfinity;

            // The state the run ends in, weights and optimiser together: the best epoch's when early stopping restores
            // it, else the last finished epoch's, so that a batch of a cancelled epoch never reaches the checkpoint.
            var kept = epochs.Count > 0 ? TrainingState.Capture(epochs[^1].Epoch, model, optimizer) : null;
            try
            {
                for (var epoch = epochs.Count + 1; reason == StopReason.Completed && epoch <= options.Epochs; epoch++)
                {
                    var clock = Stopwatch.StartNew();
                    using var generator = new Generator((ulong)EpochSeed(options.Seed, epoch));
                    var trainLoss = TrainEpoch(train, epoch, learningRate, generator);
                    if (trainLoss is null)
                    {
                        reason = StopReason.Cancelled;
                        break;
                    }

                    var validationLoss = validation is null ? (double?)null : Evaluate(validation, generator);
                    var result = new EpochResult(epoch, trainLoss.Value, validationLoss, learningRate, clock.Elapsed.TotalSeconds);
                    epochs.Add(result);
                    progress?.Report(new TrainingProgress(epoch, options.Epochs, 0, 0, result.Loss, result));

                    if (!restoreBest || result.MonitoredLoss < bestLoss)
                    {
                        bestLoss = Math.Min(bestLoss, result.MonitoredLoss);
                        kept?.Dispose();
                        kept = TrainingState.Capture(epoch, model, optimizer);
                    }

                    if (stopping?.ObserveAndCheckStalled(result.MonitoredLoss) == true)
                    {
                        reason = StopReason.EarlyStopped;
                        break;
                    }

                    if (plateau?.ObserveAndCheckStalled(result.MonitoredLoss) == true)
                    {
                        learningRate = Math.Max(learningRate * options.ReduceOnPlateau!.Factor, options.ReduceOnPlateau.MinLearningRate);
                        SetLearningRate(learningRate);
                        plateau.ResetCount();
                    }
                }

                kept?.Restore(model, optimizer);
            }
            finally
            {
                kept?.Dispose();
            }

            int? bestEpoch = epochs.Count == 0 ? null : epochs.MinBy(e => e.MonitoredLoss)!.Epoch;
            return new TrainingHistory(epochs, reason, bestEpoch) { StateEpoch = kept?.Epoch };
        }

        // Feeds the epochs a resumed run continues from to early stopping and the schedule, so they count patience as
        // the uninterrupted run did; a run that had already stopped early stays stopped.
        private static StopReason Replay(List<EpochResult> epochs, PlateauTracker? stopping, PlateauTracker? plateau)
        {
            var reason = StopReason.Completed;
            foreach (var result in epochs)
            {
                reason = stopping?.ObserveAndCheckStalled(result.MonitoredLoss) == true ? StopReason.EarlyStopped : StopReason.Completed;
                if (plateau?.ObserveAndCheckStalled(result.MonitoredLoss) == true)
                {
                    plateau.ResetCount();
                }
            }

            return reason;
        }

        // Returns the epoch's mean loss, or null when cancelled.
        private double? TrainEpoch(Tensor train, int epoch, double learningRate, Generator generator)
        {
            model.train();
            var samples = train.shape[0];
            var batches = (int)((samples + options.BatchSize - 1) / options.BatchSize);
            var batch = 0;
            var done = 0L;
            var total = 0.0;
            foreach (var shuffled in MiniBatches.Shuffled(train, labels: null, options.BatchSize, generator))
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return null;
                }

                using var scope = NewDisposeScope();
                batch++;
                var target = shuffled.Features.to(device);
                var size = target.shape[0];
                optimizer.zero_grad();
                var loss = Loss(target, generator);
                var value = loss.item<float>();
                if (!float.IsFinite(value))
                {
                    throw new TrainingDivergedException(string.Create(CultureInfo.InvariantCulture,
                        $"the training loss became {value} at epoch {epoch}, batch {batch} of {batches}: lower the learning rate (now {learningRate:G3}), clip gradients, or check the data for NaN or infinite values."));
                }

                loss.backward();
                if (options.GradientClipNorm is { } maxNorm)
                {
                    nn.utils.clip_grad_norm_(model.parameters(), maxNorm);
                }

                AdamUpdate.Step(optimizer);
                done += size;
                if (batch % BatchesPerFinalization == 0)
                {
                    GC.Collect(0);
                    GC.WaitForPendingFinalizers();
                }

                total += (double)value * size; // in double: a float sum of large batch losses overflows to Infinity
                progress?.Report(new TrainingProgress(epoch, options.Epochs, batch, batches, total / done, null));
            }

            return total / samples;
        }

        private double Evaluate(Tensor data, Generator generator) =>
            BatchedInference.Mean(model, data, batch => Loss(batch.to(device), generator));

        private Tensor Loss(Tensor target, Generator generator)
        {
            var input = _noise > 0 ? GaussianNoise.Add(target, _noise, generator, clipToUnitRange: _clipNoise) : target;
            var output = model.ForwardForTraining(input, generator);
            var loss = Losses.Reconstruction(options.Loss, output.Reconstruction, target);
            return output.Penalty is { } penalty ? loss + penalty : loss;
        }

        private void SetLearningRate(double learningRate)
        {
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = learningRate;
            }
        }
    }
}
