namespace Autoencoders.Tests.Support;

/// <summary>
/// A fact that needs NAB's published per-row results (41 MB, kept out of the repository): reported as skipped, with
/// the reason, when neither <c>../shared/datasets/nab-corpus/results</c> beside the clone (CI's read-only copy) nor
/// <c>$AUTOENCODERS_SHARED/datasets/nab-corpus/results</c> holds them.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class NabOracleFactAttribute : FactAttribute
{
    public NabOracleFactAttribute()
    {
        if (NabOracle.Results is null)
        {
            Skip = "needs NAB's published results (numenta/, windowedGaussian/) in ../shared/datasets/nab-corpus/results beside the clone, or set AUTOENCODERS_SHARED to the folder holding datasets/";
        }
    }
}

/// <summary>The theory twin of <see cref="NabOracleFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class NabOracleTheoryAttribute : TheoryAttribute
{
    public NabOracleTheoryAttribute()
    {
        if (NabOracle.Results is null)
        {
            Skip = new NabOracleFactAttribute().Skip;
        }
    }
}

internal static class NabOracle
{
    /// <summary>The folder holding NAB's published results (<c>numenta/</c>, <c>windowedGaussian/</c>), or null.</summary>
    public static string? Results { get; } = Find();

    private static string? Find()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("AUTOENCODERS_SHARED"), Path.Combine(RepositoryPaths.Root, "..", "shared") };
        return candidates.OfType<string>()
            .Select(shared => Path.GetFullPath(Path.Combine(shared, "datasets", "nab-corpus", "results")))
            .FirstOrDefault(folder => Directory.Exists(Path.Combine(folder, "numenta")) && Directory.Exists(Path.Combine(folder, "windowedGaussian")));
    }
}
