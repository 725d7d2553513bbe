namespace Autoencoders.Training;

/// <summary>How to train. Immutable; the defaults are the usual best practice (Adam, 1e-3, batch 256, MSE).</summary>
/// <param name="Epochs">Passes over the training data (the total, including epochs of a resumed run).</param>
/// <param name="BatchSize">Samples per optimiser step.</param>
/// <param name="LearningRate">Adam's initial step size.</param>
/// <param name="Seed">Drives weight initialisation (through <see cref="Models.ModelFactory"/>), shuffling, input noise and VAE sampling.</param>
/// <param name="Loss">The reconstruction loss.</param>
/// <param name="NoiseFactor">Denoising: inputs become clip(x + factor·N(0, 1), 0, 1) while targets stay clean. Null: 0.5 for the denoising model, 0 otherwise.</param>
/// <param name="EarlyStopping">Stop when the monitored loss stops improving; null trains all epochs.</param>
/// <param name="ReduceOnPlateau">Lower the learning rate when the monitored loss stalls; null keeps it fixed.</param>
/// <param name="GradientClipNorm">Clip the global gradient norm to this value; null does not clip.</param>
/// <param name="Device">Where to train: "auto" (default: the program's preferred device, else CUDA when available, else the CPU), "cpu", "cuda" or "cuda:N" (see <see cref="Devices"/>).</param>
public sealed record TrainingOptions(
    int Epochs = 10,
    int BatchSize = 256,
    double LearningRate = 1e-3,
    long Seed = 42,
    ReconstructionLoss Loss = ReconstructionLoss.Mse,
    double? NoiseFactor = null,
    EarlyStopping? EarlyStopping = null,
    ReduceOnPlateau? ReduceOnPlateau = null,
    double? GradientClipNorm = null,
    string Device = Devices.Auto)
{
    /// <summary>The largest learning rate accepted: beyond it Adam's steps exceed any weight's sensible scale (docs/decisions.md).</summary>
    public const double MaxLearningRate = 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Require(Epochs >= 1, nameof(Epochs), $"must be at least 1 (got {Epochs})");
        Require(BatchSize >= 1, nameof(BatchSize), $"must be at least 1 (got {BatchSize})");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), $"must be a positive number (got {LearningRate})");
        Require(LearningRate <= MaxLearningRate, nameof(LearningRate),
            $"must be at most {MaxLearningRate} (got {LearningRate:G4}): Adam moves every weight by about the rate at each step; usual rates are 1e-4 to 1e-2");
        Require(NoiseFactor is null || (NoiseFactor >= 0 && double.IsFinite(NoiseFactor.Value)), nameof(NoiseFactor), $"must be 0 or more (got {NoiseFactor})");
        Require(GradientClipNorm is null || GradientClipNorm > 0, nameof(GradientClipNorm), $"must be positive (got {GradientClipNorm})");
        Require(EarlyStopping is null || EarlyStopping.Patience >= 1, nameof(EarlyStopping), "patience must be at least 1");
        Require(ReduceOnPlateau is null || (ReduceOnPlateau.Factor is > 0 and < 1 && ReduceOnPlateau.Patience >= 1),
            nameof(ReduceOnPlateau), "factor must be between 0 and 1 and patience at least 1");
        Require(Devices.IsName(Device), nameof(Device), $"must be auto, cpu, cuda or cuda:N (got \"{Device}\")");
    }

    private static void Require(bool condition, string name, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"{name} {problem}.", name);
        }
    }
}

/// <summary>Stop training when the monitored loss (validation if given, else training) stops improving.</summary>
/// <param name="Patience">Epochs without improvement before stopping.</param>
/// <param name="MinDelta">An improvement smaller than this does not count.</param>
/// <param name="RestoreBestWeights">At the end, put back the weights of the best epoch.</param>
public sealed record EarlyStopping(int Patience = 5, double MinDelta = 0, bool RestoreBestWeights = true);

/// <summary>Multiply the learning rate by <paramref name="Factor"/> after <paramref name="Patience"/> epochs without improvement.</summary>
/// <param name="Factor">Multiplier, between 0 and 1.</param>
/// <param name="Patience">Epochs without improvement before lowering.</param>
/// <param name="MinLearningRate">The learning rate never goes below this.</param>
/// <param name="MinDelta">An improvement smaller than this does not count.</param>
public sealed record ReduceOnPlateau(double Factor = 0.5, int Patience = 2, double MinLearningRate = 1e-6, double MinDelta = 0);
