namespace Autoencoders.Streaming;

/// <summary>
/// Settings of <see cref="OnlineWindowDetector"/>. The defaults were chosen on NAB's artificial files only
/// (docs/nab.md lists every alternative tried and its score); nothing is tuned per file.
/// </summary>
/// <param name="Window">Rows per window; a multiple of 4 (the sequence model halves the length twice).</param>
/// <param name="Epochs">Training passes over the probationary windows.</param>
/// <param name="BatchSize">Windows per optimiser step.</param>
/// <param name="LearningRate">Adam's step size.</param>
/// <param name="Seed">Seeds the weights, the shuffling and the dropout masks.</param>
/// <param name="TailSteps">How many of a window's last rows its error is measured on (0: the whole window): the
/// newest rows are what a window ending at a row says about that row.</param>
/// <param name="ShortTerm">Errors averaged into the current one (the last this many rows), against noise.</param>
/// <param name="Suppress">Rows after a z-score peak during which a lower or equal one ranks low (0: none); see <see cref="RunningScore"/>.</param>
/// <param name="HoldOut">The share of the probationary windows, the latest, kept out of training: their errors are
/// out-of-sample, as later errors are, and start the error history (0: train on all and start the history with
/// in-sample errors).</param>
/// <param name="Channels">The sequence model's convolution channels.</param>
/// <param name="KernelSize">The sequence model's kernel size (odd).</param>
/// <param name="Dropout">The sequence model's dropout.</param>
public sealed record OnlineDetectorOptions(
    int Window = 64,
    int Epochs = 40,
    int BatchSize = 32,
    double LearningRate = 1e-3,
    long Seed = 0,
    int TailSteps = 1,
    int ShortTerm = 1,
    int Suppress = 100,
    double HoldOut = 0,
    IReadOnlyList<int>? Channels = null,
    int KernelSize = 7,
    double Dropout = 0.2)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (Window < 4 || Window % 4 != 0)
        {
            throw new ArgumentException($"Window must be a positive multiple of 4 (got {Window}).", nameof(Window));
        }

        if (!(HoldOut >= 0 && HoldOut < 1))
        {
            throw new ArgumentException($"HoldOut must be in [0, 1) (got {HoldOut}).", nameof(HoldOut));
        }

        if (Epochs < 1 || BatchSize < 1 || ShortTerm < 1 || Suppress < 0 || TailSteps < 0 || TailSteps > Window)
        {
            throw new ArgumentException($"Epochs, BatchSize and ShortTerm must be at least 1 and TailSteps from 0 to Window (got {Epochs}, {BatchSize}, {ShortTerm}, {TailSteps}).");
        }
    }
}
