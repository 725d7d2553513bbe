using Autoencoders.Data;
using Autoencoders.Data.Download;
using Autoencoders.Tests.Support;
using TorchSharp;

namespace Autoencoders.Tests.Data;

public class DatasetsTests
{
    [Fact]
    public void Digits_loads_8000_training_and_2000_test_images_of_1x28x28_with_labels()
    {
        using var digits = Datasets.Load("digits");

        Assert.Equal("digits", digits.Name);
        Assert.Equal([8000L, 1L, 28L, 28L], digits.TrainFeatures.shape);
        Assert.Equal([2000L, 1L, 28L, 28L], digits.TestFeatures.shape);
        Assert.Equal([8000L], digits.TrainLabels!.shape);
        Assert.Equal([2000L], digits.TestLabels!.shape);
        Assert.Equal([.. Enumerable.Range(0, 10).Select(digit => $"{digit}")], digits.ClassNames!);
    }

    [Fact]
    public void Digits_splits_every_class_80_20_and_keeps_values_in_0_1()
    {
        using var digits = Datasets.Load("digits");
        var summary = DatasetSummary.Of(digits);

        Assert.Equal(10, summary.Classes.Count);
        foreach (var digit in summary.Classes)
        {
            Assert.True(digit.Test > 0 && digit.Train > 0, $"class {digit.Name} is missing from a split");
            var total = digit.Train + digit.Test;
            Assert.InRange(digit.Test, (0.2 * total) - 1, (0.2 * total) + 1);
        }

        Assert.Equal(0.0, summary.Minimum);
        Assert.Equal(1.0, summary.Maximum);
        Assert.InRange(summary.Mean, 0.12, 0.14); // MNIST's mean pixel is 0.1307 (of the full training set)
    }

    [Fact]
    public void The_same_split_seed_gives_the_same_split_and_another_seed_a_different_one()
    {
        using var first = Datasets.Load("digits", new DatasetLoadOptions { SplitSeed = 5 });
        using var again = Datasets.Load("digits", new DatasetLoadOptions { SplitSeed = 5 });
        using var other = Datasets.Load("digits", new DatasetLoadOptions { SplitSeed = 6 });

        Assert.Equal(first.TestFeatures.data<float>().ToArray(), again.TestFeatures.data<float>().ToArray());
        Assert.Equal(first.TrainLabels!.data<long>().ToArray(), again.TrainLabels!.data<long>().ToArray());
        Assert.NotEqual(first.TestFeatures.data<float>().ToArray(), other.TestFeatures.data<float>().ToArray());
        Assert.NotEqual(first.TestLabels!.data<long>().ToArray(), other.TestLabels!.data<long>().ToArray());
    }

    [Fact]
    public void The_default_split_shuffles_the_classes_instead_of_listing_them_in_blocks()
    {
        using var digits = Datasets.Load("digits");

        var firstTwenty = digits.TestLabels!.data<long>().Take(20).Distinct().Count();

        Assert.True(firstTwenty >= 5, $"only {firstTwenty} classes among the first 20 test labels");
    }

    [Fact]
    public void Flatten_gives_rows_of_784_values()
    {
        using var digits = Datasets.Load("digits", new DatasetLoadOptions { Flatten = true });

        Assert.Equal([8000L, 784L], digits.TrainFeatures.shape);
        Assert.Equal(784, digits.FeatureCount);
    }

    [Fact]
    public void Loading_and_disposing_leaves_no_live_tensors_behind()
    {
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        Datasets.Load("digits").Dispose();

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void An_unknown_name_is_refused_with_the_valid_names()
    {
        var error = Assert.Throws<DataInputException>(() => Datasets.Load("mnsit"));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("unknown data set 'mnsit'", error.Message, StringComparison.Ordinal);
        Assert.Contains("digits, fashion-mnist, mnist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mnist_says_it_is_not_available_offline_and_names_the_offline_data_sets()
    {
        using var folder = new TempFolder();
        using var offline = FailingHttpHandler.Offline();
        using var cache = new DownloadCache(folder.Path, offline);

        var error = Assert.Throws<DataInputException>(() => Datasets.Load("mnist", null, Datasets.FashionMnistFolder, cache));

        Assert.Contains("no internet connection", error.Message, StringComparison.Ordinal);
        Assert.Contains("--dataset digits", error.Message, StringComparison.Ordinal);
        Assert.Contains("--dataset fashion-mnist", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_csv_file_loads_split_scaled_and_labelled()
    {
        using var folder = new TempFolder();
        var rows = string.Concat(Enumerable.Range(0, 20).Select(i => $"{i},{i * 10},{(i % 2 == 0 ? "even" : "odd")}\n"));
        var path = folder.Write("table.csv", "a,b,kind\n" + rows);

        using var table = Datasets.Load(path, new DatasetLoadOptions { LabelColumn = "kind" });

        Assert.Equal(16, table.TrainFeatures.shape[0]);
        Assert.Equal(4, table.TestFeatures.shape[0]);
        Assert.Equal(["a", "b"], table.FeatureNames);
        Assert.Equal(["even", "odd"], table.ClassNames);
        Assert.NotNull(table.Scaler);
        // Standardised on the training rows (the default for tables): each column's mean 0 there.
        Assert.InRange(table.TrainFeatures.mean([0]).abs().max().item<float>(), 0f, 1e-5f);
    }

    [Fact]
    public void Fashion_mnist_loads_from_its_folder_with_the_clothing_class_names()
    {
        using var folder = new TempFolder();
        IdxBytes.WriteMnistFolder(folder.Path, train: 12, test: 5, side: 3);

        using var fashion = Datasets.Load("fashion-mnist", null, folder.Path, cache: null);

        Assert.Equal("fashion-mnist", fashion.Name);
        Assert.Equal(folder.Path, fashion.Source);
        Assert.Equal([12L, 1L, 3L, 3L], fashion.TrainFeatures.shape);
        Assert.Equal([5L, 1L, 3L, 3L], fashion.TestFeatures.shape);
        Assert.Equal("Ankle boot", fashion.ClassNames![9]);
        Assert.Equal(255f / 255f, fashion.TestFeatures[0, 0, 0, 0].item<float>()); // the test file counts down from 255
    }

    [Fact]
    public void Fashion_mnist_that_is_not_installed_is_downloaded_and_offline_says_how_to_install_it()
    {
        using var folder = new TempFolder();
        using var cacheFolder = new TempFolder();
        using var offline = FailingHttpHandler.Offline();
        using var cache = new DownloadCache(cacheFolder.Path, offline);

        var error = Assert.Throws<DataInputException>(() => Datasets.Load("fashion-mnist", null, folder.Path, cache));

        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message, StringComparison.Ordinal);
        Assert.Contains("--dataset digits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fashion_mnist_from_the_Debian_package_has_60000_and_10000_images_when_installed()
    {
        if (!File.Exists(Path.Combine(Datasets.FashionMnistFolder, "train-images-idx3-ubyte.gz")))
        {
            return; // the package is optional; the fake-folder tests above cover the code path
        }

        using var fashion = Datasets.Load("fashion-mnist");

        Assert.Equal([60000L, 1L, 28L, 28L], fashion.TrainFeatures.shape);
        Assert.Equal([10000L], fashion.TestLabels!.shape);
    }

    [Fact]
    public void A_folder_of_idx_files_loads_its_training_and_test_files()
    {
        using var folder = new TempFolder();
        IdxBytes.WriteMnistFolder(folder.Path, train: 10, test: 4);

        using var data = Datasets.Load(folder.Path, new DatasetLoadOptions { Flatten = true });

        Assert.Equal([10L, 16L], data.TrainFeatures.shape);
        Assert.Equal([4L, 16L], data.TestFeatures.shape);
        Assert.Equal([0L, 1L, 2L, 3L], data.TestLabels!.data<long>().ToArray());
        Assert.Null(data.ClassNames);
    }

    [Fact]
    public void A_folder_without_labels_loads_unlabelled_images()
    {
        using var folder = new TempFolder();
        IdxBytes.WriteMnistFolder(folder.Path, train: 6, test: 3, labels: false);

        using var data = Datasets.Load(folder.Path);

        Assert.Null(data.TrainLabels);
        Assert.Null(data.TestLabels);
        Assert.Equal(3, data.TestFeatures.shape[0]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_folder_with_a_single_images_file_is_split_80_20_by_the_seed(bool labels)
    {
        using var folder = new TempFolder();
        folder.Write("images-idx3-ubyte", IdxBytes.Images(20, 2, 2, index => (byte)(index / 4)));
        if (labels)
        {
            folder.Write("labels-idx1-ubyte.gz", IdxBytes.Gzip(IdxBytes.Labels([.. Enumerable.Range(0, 20).Select(index => (byte)(index % 2))])));
        }

        using var data = Datasets.Load(folder.Path);

        Assert.Equal(16, data.TrainFeatures.shape[0]);
        Assert.Equal(4, data.TestFeatures.shape[0]);
        // Image i is filled with i / 255, so the first pixels name the images: together they are each image once.
        var names = data.TrainFeatures[.., 0, 0, 0].data<float>().Concat(data.TestFeatures[.., 0, 0, 0].data<float>())
            .Select(value => (int)Math.Round(value * 255)).Order();
        Assert.Equal(Enumerable.Range(0, 20), names);
        if (labels)
        {
            Assert.Equal(2, data.TestLabels!.data<long>().Count(label => label == 1)); // stratified: half of each class
        }
    }

    public static TheoryData<string, string> BadFolders() => new()
    {
        { "empty", "no IDX image files in this folder" },
        { "labels-for-train-only", "has labels for only one split (train-labels-idx1-ubyte.gz); add t10k-labels-idx1-ubyte.gz" },
        { "three-images", "cannot tell training from test data" },
        { "raw-and-gz", "holds 2 train images files" },
        { "count-mismatch", "holds 9 labels but" },
        { "different-sizes", "holds 5x5 images but" },
        { "too-few-to-split", "too few to split" },
    };

    [Theory]
    [MemberData(nameof(BadFolders))]
    public void A_bad_folder_gives_one_line_naming_the_folder_or_file_and_the_fix(string kind, string problem)
    {
        using var folder = new TempFolder();
        IdxBytes.WriteMnistFolder(folder.Path, train: 10, test: 4);
        switch (kind)
        {
            case "empty":
                foreach (var file in Directory.GetFiles(folder.Path))
                {
                    File.Delete(file);
                }

                folder.Write("notes.txt", [1, 2, 3]);
                break;
            case "labels-for-train-only":
                File.Delete(folder.File("t10k-labels-idx1-ubyte.gz"));
                break;
            case "three-images":
                folder.Write("extra-images-idx3-ubyte", IdxBytes.Images(2, 4, 4));
                break;
            case "raw-and-gz":
                folder.Write("train-images-idx3-ubyte", IdxBytes.Images(10, 4, 4));
                break;
            case "count-mismatch":
                folder.Write("train-labels-idx1-ubyte.gz", IdxBytes.Gzip(IdxBytes.Labels(new byte[9])));
                break;
            case "different-sizes":
                folder.Write("t10k-images-idx3-ubyte.gz", IdxBytes.Gzip(IdxBytes.Images(4, 5, 5)));
                break;
            case "too-few-to-split":
                foreach (var file in Directory.GetFiles(folder.Path))
                {
                    File.Delete(file);
                }

                folder.Write("train-images-idx3-ubyte", IdxBytes.Images(1, 4, 4));
                break;
        }

        var error = Assert.Throws<DataInputException>(() => Datasets.Load(folder.Path));

        IdxReaderTests.AssertOneLine(error, folder.Path, problem);
    }

    [Fact]
    public void A_missing_folder_and_a_plain_file_are_refused_with_their_paths()
    {
        using var folder = new TempFolder();
        var file = folder.Write("train-images-idx3-ubyte", IdxBytes.Images(3, 2, 2));

        var missing = Assert.Throws<DataInputException>(() => Datasets.Load(folder.File("absent/")));
        var plainFile = Assert.Throws<DataInputException>(() => Datasets.Load(file));

        IdxReaderTests.AssertOneLine(missing, folder.File("absent"), "folder not found");
        IdxReaderTests.AssertOneLine(plainFile, file, "pass the folder that holds the IDX files");
    }

    [Fact]
    public void The_image_files_behind_a_data_set_can_be_listed()
    {
        using var folder = new TempFolder();
        IdxBytes.WriteMnistFolder(folder.Path, train: 3, test: 3);

        Assert.Equal(["embedded:digits-images-idx3-ubyte.gz"], Datasets.FindImageFiles("digits").Select(file => file.Name));
        Assert.Equal(2, Datasets.FindImageFiles("fashion-mnist", folder.Path, new Datasets.Sources(null, null)).Count);
        Assert.Throws<DataInputException>(() => Datasets.FindImageFiles("table.csv"));
    }
}
