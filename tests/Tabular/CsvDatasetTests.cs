using System.Globalization;
using System.Text;
using Autoencoders.Data;
using Autoencoders.Data.Preprocessing;
using Autoencoders.Data.Tabular;
using Autoencoders.Tests.Support;
using TorchSharp;

namespace Autoencoders.Tests.Tabular;

public sealed class CsvDatasetTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>100 rows: x = row, y = 2 * row + 1, and a class "low"/"high" that is "high" for every fourth row.</summary>
    private string LabelledFile()
    {
        var text = new StringBuilder("x,kind,y\r\n");
        for (var row = 0; row < 100; row++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{row},{(row % 4 == 3 ? "high" : "low")},{(2 * row) + 1}\r\n");
        }

        return folder.Write("rows.csv", text.ToString());
    }

    [Fact]
    public void A_labelled_file_is_split_stratified_and_scaled_on_the_training_rows()
    {
        var path = LabelledFile();

        using var dataset = CsvDataset.Load(path, new DatasetLoadOptions { LabelColumn = "kind", SplitSeed = 1 });

        Assert.Equal([80L, 2L], dataset.TrainFeatures.shape);
        Assert.Equal([20L, 2L], dataset.TestFeatures.shape);
        Assert.Equal(["x", "y"], dataset.FeatureNames);
        Assert.Equal(["low", "high"], dataset.ClassNames);
        Assert.Equal(ScalingKind.Standard, dataset.Scaler!.Kind);
        // Stratified: a quarter of each split is "high" (class 1), as in the whole file.
        Assert.Equal(20L, dataset.TrainLabels!.sum().item<long>());
        Assert.Equal(5L, dataset.TestLabels!.sum().item<long>());
        // Standardised on the training rows: each column's mean 0 and (population) standard deviation 1 there.
        Assert.InRange(dataset.TrainFeatures.mean([0]).abs().max().item<float>(), 0f, 1e-5f);
        Assert.InRange(dataset.TrainFeatures.std([0], unbiased: false).sub(1).abs().max().item<float>(), 0f, 1e-5f);
        Assert.Equal("rows", dataset.Name);
        Assert.Equal(path, dataset.Source);
    }

    [Fact]
    public void The_scaler_maps_the_test_rows_back_to_the_files_values()
    {
        var path = LabelledFile();

        using var data = CsvDataset.Load(path, new DatasetLoadOptions { LabelColumn = "kind", Scaling = ScalingKind.Standard, SplitSeed = 2 });
        using var original = data.Scaler!.InverseTransform(data.TestFeatures);

        // Every row of the file has y = 2x + 1 (values up to 199; float32 keeps them to about 1e-5).
        var rows = original.data<float>().ToArray();
        for (var i = 0; i < rows.Length; i += 2)
        {
            Assert.Equal((2 * rows[i]) + 1, rows[i + 1], 1e-3f);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_split_and_another_seed_another()
    {
        var path = LabelledFile();

        static float[] TestRows(string file, long seed)
        {
            using var data = CsvDataset.Load(file, new DatasetLoadOptions { LabelColumn = "kind", SplitSeed = seed, Scaling = ScalingKind.None });
            return data.TestFeatures.data<float>().ToArray();
        }

        Assert.Equal(TestRows(path, 5), TestRows(path, 5));
        Assert.NotEqual(TestRows(path, 5), TestRows(path, 6));
    }

    [Fact]
    public void Without_scaling_the_values_are_the_files()
    {
        var path = folder.Write("t.csv", "a,b\n1,10\n2,20\n3,30\n4,40\n5,50\n");

        using var data = CsvDataset.Load(path, new DatasetLoadOptions { Scaling = ScalingKind.None, TestFraction = 0.4 });

        Assert.Equal(ScalingKind.None, data.Scaler!.Kind);
        Assert.Equal(3L, data.TrainFeatures.shape[0]);
        Assert.Equal(2L, data.TestFeatures.shape[0]);
        Assert.Null(data.TrainLabels);
        var all = data.TrainFeatures.data<float>().Concat(data.TestFeatures.data<float>()).Order();
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 10f, 20f, 30f, 40f, 50f], all);
    }

    [Fact]
    public void One_data_row_is_too_few_to_split()
    {
        var path = folder.Write("one.csv", "a,b\n1,2\n");

        var error = Assert.Throws<DataInputException>(() => CsvDataset.Load(path));

        CsvTableTests.AssertOneLine(error, path, ["only 1 data row", "at least 2"]);
    }

    [Fact]
    public void A_test_fraction_out_of_range_is_refused_with_its_name()
    {
        var path = folder.Write("t.csv", "a\n1\n2\n");

        var error = Assert.Throws<DataInputException>(() => CsvDataset.Load(path, new DatasetLoadOptions { TestFraction = 1 }));

        Assert.Contains("test fraction", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_leaves_only_the_data_sets_tensors_alive()
    {
        var path = LabelledFile();
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        using (CsvDataset.Load(path, new DatasetLoadOptions { LabelColumn = "kind" }))
        {
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
