namespace Autoencoders.Evaluation;

/// <summary>
/// Reconstruction quality of a data set: each value is the mean over samples of the per-sample measure of
/// <see cref="SampleMetrics"/> and <see cref="Ssim"/>. PSNR is the mean of per-sample PSNR (not the PSNR of the mean MSE).
/// </summary>
/// <param name="Samples">Number of samples measured.</param>
/// <param name="Mse">Mean squared error.</param>
/// <param name="Mae">Mean absolute error.</param>
/// <param name="Bce">Binary cross-entropy with clamped predictions; null when the data lie outside [0, 1].</param>
/// <param name="Psnr">Mean per-sample PSNR in dB for data range 1 (each capped at <see cref="SampleMetrics.PsnrCap"/>).</param>
/// <param name="Ssim">Mean SSIM; null when the samples are not images of at least 11×11 pixels.</param>
public sealed record ReconstructionMetrics(long Samples, double Mse, double Mae, double? Bce, double Psnr, double? Ssim);

/// <summary>The reconstruction error of one class.</summary>
/// <param name="Label">The class label.</param>
/// <param name="Name">The class name (the label as text when no name is known).</param>
/// <param name="Count">Number of samples of the class.</param>
/// <param name="MeanMse">Mean of the per-sample MSE over the class.</param>
public sealed record ClassError(long Label, string Name, long Count, double MeanMse);

/// <summary>One sample's reconstruction error.</summary>
/// <param name="Index">Row of the sample in the evaluated data.</param>
/// <param name="Error">Its MSE.</param>
public sealed record SampleError(long Index, double Error);

/// <summary>Everything <see cref="ReconstructionEvaluation.Evaluate"/> measures.</summary>
/// <param name="Metrics">The averages.</param>
/// <param name="SampleMse">The MSE of every sample, in data order (the anomaly score).</param>
/// <param name="PerClass">Error per class, by label; empty without labels.</param>
/// <param name="Best">The k samples with the lowest MSE, best first.</param>
/// <param name="Worst">The k samples with the highest MSE, worst first.</param>
public sealed record ReconstructionReport(
    ReconstructionMetrics Metrics,
    IReadOnlyList<double> SampleMse,
    IReadOnlyList<ClassError> PerClass,
    IReadOnlyList<SampleError> Best,
    IReadOnlyList<SampleError> Worst);
