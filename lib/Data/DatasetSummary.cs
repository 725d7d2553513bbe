using static TorchSharp.torch;

namespace Autoencoders.Data;

/// <summary>What a data set holds, in numbers: counts, sample shape, classes, value range and mean.</summary>
/// <param name="Name">The data set's short name.</param>
/// <param name="Source">Where the data came from.</param>
/// <param name="TrainCount">Training samples.</param>
/// <param name="TestCount">Test samples.</param>
/// <param name="SampleShape">Shape of one sample, e.g. <c>[1, 28, 28]</c>.</param>
/// <param name="Classes">Per class: its name and its training and test counts; empty without labels.</param>
/// <param name="Minimum">Smallest value over both splits.</param>
/// <param name="Maximum">Largest value over both splits.</param>
/// <param name="Mean">Mean value over both splits.</param>
public sealed record DatasetSummary(
    string Name, string Source, long TrainCount, long TestCount, IReadOnlyList<long> SampleShape,
    IReadOnlyList<ClassCount> Classes, double Minimum, double Maximum, double Mean)
{
    /// <summary>Computes the summary of <paramref name="data"/>; the data set is not changed.</summary>
    public static DatasetSummary Of(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var scope = NewDisposeScope();
        var train = data.TrainFeatures;
        var test = data.TestFeatures;
        var splits = new[] { train, test }.Where(split => split.numel() > 0).ToList();
        var total = (double)(train.numel() + test.numel());
        var sum = splits.Sum(Sum);
        var minimum = splits.Select(split => split.min().to_type(ScalarType.Float64).item<double>()).DefaultIfEmpty(double.NaN).Min();
        var maximum = splits.Select(split => split.max().to_type(ScalarType.Float64).item<double>()).DefaultIfEmpty(double.NaN).Max();
        return new DatasetSummary(data.Name, data.Source, train.shape[0], test.shape[0], data.SampleShape, CountClasses(data), minimum, maximum, total > 0 ? sum / total : double.NaN);
    }

    private static List<ClassCount> CountClasses(Dataset data)
    {
        if (data.TrainLabels is null || data.TestLabels is null)
        {
            return [];
        }

        var train = Count(data.TrainLabels);
        var test = Count(data.TestLabels);
        var classes = Math.Max(data.ClassNames?.Count ?? 0, Math.Max(train.Length, test.Length));
        return [.. Enumerable.Range(0, classes).Select(label => new ClassCount(
            label,
            data.ClassNames is { } names && label < names.Count ? names[label] : $"{label}",
            label < train.Length ? train[label] : 0,
            label < test.Length ? test[label] : 0))];
    }

    // Sums each sample in float32 (a few thousand values: exact enough) and the per-sample sums in float64, so the
    // mean of millions of values keeps its digits; sum(dtype: float64) over the whole tensor is many times slower.
    private static double Sum(Tensor features) =>
        features.reshape(features.shape[0], -1).sum(1).to_type(ScalarType.Float64).sum().item<double>();

    // Labels are small non-negative integers, so counting them is a bincount.
    private static long[] Count(Tensor labels)
    {
        using var scope = NewDisposeScope();
        return labels.numel() == 0 ? [] : labels.bincount(null).data<long>().ToArray();
    }
}

/// <summary>How many samples of one class each split holds.</summary>
/// <param name="Label">The label value.</param>
/// <param name="Name">The class's display name.</param>
/// <param name="Train">Training samples of this class.</param>
/// <param name="Test">Test samples of this class.</param>
public sealed record ClassCount(int Label, string Name, long Train, long Test);
