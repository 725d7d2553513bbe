using static TorchSharp.torch;

namespace Autoencoders.Data.Preprocessing;

/// <summary>One mini-batch: samples and their labels (null when the data has none). Owned by its enumerator.</summary>
/// <param name="Features">Samples, <c>(batch, ...)</c>.</param>
/// <param name="Labels">Labels, <c>(batch)</c>, or null.</param>
public sealed record Batch(Tensor Features, Tensor? Labels) : IDisposable
{
    /// <inheritdoc/>
    public void Dispose()
    {
        Features.Dispose();
        Labels?.Dispose();
    }
}
