namespace Autoencoders.Cli.Bench;

/// <summary>One named measurement of the bench verb. New measurements join <see cref="BenchMeasurements.All"/>.</summary>
internal interface IBenchMeasurement
{
    /// <summary>Short identifier, e.g. <c>idx-load-vs-gunzip</c>; a key in bench.json.</summary>
    string Name { get; }

    /// <summary>One sentence saying what is measured.</summary>
    string Description { get; }

    BenchResult Run(BenchContext context);
}

/// <summary>One number of a measurement, with its unit.</summary>
internal sealed record BenchFigure(string Name, double Value, string Unit);

/// <summary>The outcome of a measurement: its figures and a one-line verdict against its target, if it has one.</summary>
internal sealed record BenchResult(string Name, string Description, IReadOnlyList<BenchFigure> Figures, string Verdict);

/// <summary>
/// The measurements the bench verb runs, in order: native-heap first, while the native heap is as fresh as in a training
/// run of its own; the matrix-multiply peak right before the training passes that compare with it; contention last,
/// because it changes the thread count while it runs.
/// </summary>
internal static class BenchMeasurements
{
    public static IReadOnlyList<IBenchMeasurement> All { get; } =
    [
        new IdxLoadMeasurement(),
        new NativeHeapMeasurement(),
        new TrainerOverheadMeasurement(),
        new MatmulPeakMeasurement(),
        new TrainingThroughputMeasurement(),
        new EncodeThroughputMeasurement(),
        new OnnxScoreThroughputMeasurement(),
        new MemoryGrowthMeasurement(),
        new ContentionMeasurement(),
    ];
}
