using Autoencoders.Data;
using static TorchSharp.torch;

namespace Autoencoders.Cli.Bench;

/// <summary>
/// What every measurement gets: the data set to use, how often to repeat, where to report progress, the training
/// images (loaded once, on first use) and results that later measurements compare with.
/// </summary>
internal sealed class BenchContext(string dataset, int repetitions, Action<string> progress, long? maxSamples = null,
    CancellationToken cancellation = default) : IDisposable
{
    private Dataset? _data;
    private Tensor? _trainImages;

    public string Dataset => dataset;

    public int Repetitions => repetitions;

    public Action<string> Progress => progress;

    /// <summary>Ctrl+C: measurements that run long or start other processes stop early and throw <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken Cancellation => cancellation;

    /// <summary>
    /// The matrix-multiply peak timed right before the training passes, set by <see cref="MatmulPeakMeasurement"/>; null until it ran.
    /// </summary>
    public MatmulPeakSample? PeakBefore { get; set; }

    /// <summary>The data set's training images <c>(n, 1, height, width)</c>, at most the --samples limit; owned by the context.</summary>
    public Tensor TrainImages
    {
        get
        {
            if (_trainImages is null)
            {
                _data = Datasets.Load(Dataset);
                var all = _data.TrainFeatures;
                _trainImages = all.narrow(0, 0, Math.Min(maxSamples ?? long.MaxValue, all.shape[0]));
                progress($"bench data: {_trainImages.shape[0]:N0} training images {string.Join('x', _trainImages.shape[1..])} of {Dataset}");
            }

            return _trainImages;
        }
    }

    public void Dispose()
    {
        _trainImages?.Dispose();
        _data?.Dispose();
    }
}
