using Autoencoders.Data.Preprocessing;

namespace Autoencoders.Data.Tabular;

/// <summary>How <see cref="CsvDataset.Load"/> reads, splits and scales a CSV file.</summary>
/// <param name="LabelColumn">Name of the label column (case-sensitive), or null when every column is a feature.</param>
/// <param name="TestFraction">Share of rows held out for testing, strictly between 0 and 1.</param>
/// <param name="Seed">Seed of the split: same seed, same split.</param>
/// <param name="Scaling">Feature scaling, fitted on the training rows only.</param>
public sealed record CsvLoadOptions(
    string? LabelColumn = null,
    double TestFraction = 0.2,
    long Seed = 0,
    ScalingKind Scaling = ScalingKind.MinMax)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (!(TestFraction > 0 && TestFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(TestFraction), TestFraction, "TestFraction must be strictly between 0 and 1");
        }

        if (!Enum.IsDefined(Scaling))
        {
            throw new ArgumentOutOfRangeException(nameof(Scaling), Scaling, "Scaling must be None, MinMax or Standard");
        }

        if (LabelColumn is { Length: 0 })
        {
            throw new ArgumentException("LabelColumn must be null or a column name, not empty", nameof(LabelColumn));
        }
    }
}
