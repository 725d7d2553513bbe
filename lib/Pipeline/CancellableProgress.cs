namespace Autoencoders.Pipeline;

/// <summary>
/// Progress that also stops the work: each report (one per batch) throws <see cref="OperationCanceledException"/> once
/// the token is cancelled, so a long scoring or encoding stops within a batch of Ctrl+C or SIGTERM without the model
/// code knowing about cancellation.
/// </summary>
internal sealed class CancellableProgress(IProgress<long>? inner, CancellationToken cancellationToken) : IProgress<long>
{
    /// <summary><paramref name="inner"/> itself when nothing can cancel, else a progress that checks the token on each report.</summary>
    public static IProgress<long>? Of(IProgress<long>? inner, CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled ? new CancellableProgress(inner, cancellationToken) : inner;

    public void Report(long value)
    {
        IO.FaultInjection.At("apply-batch");
        cancellationToken.ThrowIfCancellationRequested();
        inner?.Report(value);
    }
}
