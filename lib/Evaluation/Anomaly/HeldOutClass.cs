using Autoencoders.Data;
using static TorchSharp.torch;

namespace Autoencoders.Evaluation.Anomaly;

/// <summary>The image case: train on every class but one, then detect the held-out class as the anomaly.</summary>
public static class HeldOutClass
{
    /// <summary>
    /// The training samples of <paramref name="data"/> without <paramref name="heldOutClass"/>, and all its test
    /// samples, flagged as anomalies exactly when they belong to that class. Does not take ownership of the data.
    /// </summary>
    /// <param name="data">A labelled data set, e.g. <c>Datasets.Load("digits")</c>.</param>
    /// <param name="heldOutClass">The label treated as the anomaly.</param>
    /// <exception cref="DataInputException">The data has no labels, or the test split lacks the class or holds nothing else.</exception>
    public static AnomalySplit Split(Dataset data, long heldOutClass)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.TrainLabels is null || data.TestLabels is null)
        {
            throw new DataInputException($"{data.Source}: data set '{data.Name}' has no labels; holding out a class needs a labelled data set (for a CSV file, name its label column)");
        }

        using var scope = NewDisposeScope();
        var keep = data.TrainLabels.ne(heldOutClass);
        var testFlags = data.TestLabels.eq(heldOutClass);
        if (!testFlags.any().item<bool>() || testFlags.all().item<bool>())
        {
            var labels = data.TestLabels.unique().Item1.data<long>().ToArray();
            var classes = string.Join(", ", labels.Select(label => NameOf(data, label)));
            throw new DataInputException(labels.Length < 2
                ? $"{data.Source}: the test split of '{data.Name}' holds one class only ({classes}); holding out a class as the anomaly needs data with at least two classes"
                : $"{data.Source}: class {heldOutClass} is not one of several classes in the test split of '{data.Name}'; hold out one of its classes: {classes}");
        }

        var train = data.TrainFeatures.index_select(0, keep.nonzero().squeeze(1));
        var name = data.ClassNames is { } names && heldOutClass >= 0 && heldOutClass < names.Count ? names[(int)heldOutClass] : $"{heldOutClass}";
        return new AnomalySplit($"{data.Name} without class {name}; anomaly = class {name}",
            train, data.TestFeatures.clone(), testFlags.data<bool>().ToArray());
    }

    // A class as the user passes it (its index), with its name when the labels were text or large integers: "1 (cat)".
    private static string NameOf(Dataset data, long label) =>
        data.ClassNames is { } names && label >= 0 && label < names.Count && names[(int)label] != $"{label}" ? $"{label} ({names[(int)label]})" : $"{label}";
}
