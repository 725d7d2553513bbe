using System.Diagnostics;
using Autoencoders.Streaming;

namespace Autoencoders.Evaluation.Nab;

/// <summary>How <see cref="NabRun"/> runs the online detector over a corpus.</summary>
/// <param name="Detector">The detector's settings (the same for every file).</param>
/// <param name="DetectorName">The name results are written under.</param>
public sealed record NabRunOptions(OnlineDetectorOptions Detector, string DetectorName = NabRun.DefaultDetectorName);

/// <summary>One file's run: its scores and how long it took.</summary>
public sealed record NabFileRun(NabDetections Detections, string ResultsFile, TimeSpan Elapsed);

/// <summary>
/// Runs <see cref="OnlineWindowDetector"/> over every file of a NAB corpus (each learns from its own probationary
/// rows only), one file after another, and writes the results in NAB's layout. Files do not run in parallel threads:
/// TorchSharp hands libtorch temporary Scalars that a garbage collection started by another thread can free during
/// the call (two runs with two files at a time ended in "Unknown scalar type" and "Expected false to be true").
/// Separate processes would be safe (<c>nab run --files</c> splits the corpus; <c>nab score</c> scores the union).
/// </summary>
public static class NabRun
{
    /// <summary>The detector's name in NAB's layout and on the scoreboard.</summary>
    public const string DefaultDetectorName = "autoencoder";

    /// <summary>
    /// Runs the detector over <paramref name="corpus"/> and writes <c>&lt;out&gt;/&lt;detector&gt;/&lt;category&gt;/&lt;detector&gt;_&lt;file&gt;.csv</c>,
    /// in the corpus's file order.
    /// </summary>
    public static IReadOnlyList<NabFileRun> Run(NabCorpus corpus, string resultsFolder, NabRunOptions options, IProgress<NabFileRun>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        options.Detector.Validate();
        var runs = new List<NabFileRun>();
        foreach (var series in corpus.Series)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var scores = OnlineWindowDetector.Run(series.Values, series.ProbationLength, options.Detector, cancellationToken);
            var path = NabResults.Write(resultsFolder, options.DetectorName, series, scores);
            var run = new NabFileRun(new NabDetections(series, scores), path, clock.Elapsed);
            runs.Add(run);
            progress?.Report(run);
        }

        return runs;
    }
}
