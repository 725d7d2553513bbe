namespace Autoencoders.Data.Download;

/// <summary>The files of the data sets that can be downloaded, with their published sizes and SHA-256 values.</summary>
public static class DownloadCatalog
{
    /// <summary>Name of the MNIST data set, also its folder in the cache.</summary>
    public const string MnistName = "mnist";

    /// <summary>Name of the Fashion-MNIST data set, also its folder in the cache.</summary>
    public const string FashionMnistName = "fashion-mnist";

    private static readonly Uri MnistMirror = new("https://ossci-datasets.s3.amazonaws.com/mnist/");
    private static readonly Uri FashionMnistMirror = new("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");

    /// <summary>
    /// MNIST (LeCun, Cortes, Burges; CC BY-SA 3.0): 60,000 training and 10,000 test digits as IDX <c>.gz</c> files,
    /// from the mirror PyTorch maintains (the original yann.lecun.com address refuses downloads).
    /// </summary>
    // Sizes and SHA-256 from TensorFlow Datasets, tensorflow_datasets/url_checksums/mnist.txt (its cvdf-datasets
    // mirror holds the same files); the same SHA-256 values are listed for this ossci-datasets mirror by
    // ankane/torchvision-ruby, lib/torchvision/datasets/mnist.rb.
    public static IReadOnlyList<DownloadItem> Mnist { get; } =
    [
        new(MnistName, "train-images-idx3-ubyte.gz", new Uri(MnistMirror, "train-images-idx3-ubyte.gz"), 9_912_422,
            "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
        new(MnistName, "train-labels-idx1-ubyte.gz", new Uri(MnistMirror, "train-labels-idx1-ubyte.gz"), 28_881,
            "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
        new(MnistName, "t10k-images-idx3-ubyte.gz", new Uri(MnistMirror, "t10k-images-idx3-ubyte.gz"), 1_648_877,
            "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
        new(MnistName, "t10k-labels-idx1-ubyte.gz", new Uri(MnistMirror, "t10k-labels-idx1-ubyte.gz"), 4_542,
            "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
    ];

    /// <summary>
    /// Fashion-MNIST (Xiao, Rasul, Vollgraf; Zalando Research, MIT licence): 60,000 training and 10,000 test
    /// article images as IDX <c>.gz</c> files, from the address the project's README gives.
    /// </summary>
    // Sizes and SHA-256 from TensorFlow Datasets, tensorflow_datasets/url_checksums/fashion_mnist.txt.
    // Debian's dataset-fashion-mnist package holds the same images re-compressed, so its bytes differ
    // (see docs/decisions.md): those files are read in place, not checked against these values.
    public static IReadOnlyList<DownloadItem> FashionMnist { get; } =
    [
        new(FashionMnistName, "train-images-idx3-ubyte.gz", new Uri(FashionMnistMirror, "train-images-idx3-ubyte.gz"), 26_421_880,
            "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
        new(FashionMnistName, "train-labels-idx1-ubyte.gz", new Uri(FashionMnistMirror, "train-labels-idx1-ubyte.gz"), 29_515,
            "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
        new(FashionMnistName, "t10k-images-idx3-ubyte.gz", new Uri(FashionMnistMirror, "t10k-images-idx3-ubyte.gz"), 4_422_102,
            "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
        new(FashionMnistName, "t10k-labels-idx1-ubyte.gz", new Uri(FashionMnistMirror, "t10k-labels-idx1-ubyte.gz"), 5_148,
            "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"),
    ];

    /// <summary>Every downloadable file.</summary>
    public static IReadOnlyList<DownloadItem> All { get; } = [.. Mnist, .. FashionMnist];

    /// <summary>Names of the data sets that can be downloaded.</summary>
    public static IReadOnlyList<string> DatasetNames { get; } = [MnistName, FashionMnistName];

    /// <summary>The files of a data set, or null when it cannot be downloaded.</summary>
    /// <param name="dataset">A data set name such as <c>mnist</c> (case-insensitive).</param>
    public static IReadOnlyList<DownloadItem>? Find(string dataset) =>
        All.Where(item => string.Equals(item.Dataset, dataset, StringComparison.OrdinalIgnoreCase)).ToArray() is { Length: > 0 } items
            ? items
            : null;
}
