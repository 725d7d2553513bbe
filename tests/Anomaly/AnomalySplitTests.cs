using Autoencoders.Data;
using Autoencoders.Data.Preprocessing;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Tests.Support;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Anomaly;

public sealed class AnomalySplitTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Holding_out_a_class_removes_it_from_training_and_flags_it_in_the_test_split()
    {
        // Sample i has the single feature i; labels cycle 0, 1, 2.
        using var data = Labelled(trainCount: 9, testCount: 6);

        using var split = HeldOutClass.Split(data, heldOutClass: 1);

        Assert.Equal([0f, 2f, 3f, 5f, 6f, 8f], split.Train.data<float>().ToArray());
        Assert.Equal([100f, 101f, 102f, 103f, 104f, 105f], split.Test.data<float>().ToArray());
        Assert.Equal([false, true, false, false, true, false], split.TestIsAnomaly);
        Assert.Equal("toy without class 1; anomaly = class 1", split.Description);
    }

    [Fact]
    public void Holding_out_a_class_that_is_not_in_the_test_split_or_data_without_labels_is_refused()
    {
        using var data = Labelled(trainCount: 9, testCount: 6);
        using var unlabelled = new Dataset("plain", "memory", zeros(4, 1), null, zeros(2, 1), null);

        var missing = Assert.Throws<DataInputException>(() => HeldOutClass.Split(data, heldOutClass: 7));
        var noLabels = Assert.Throws<DataInputException>(() => HeldOutClass.Split(unlabelled, heldOutClass: 0));

        Assert.Equal("memory: class 7 is not one of several classes in the test split of 'toy'; hold out one of its classes: 0, 1, 2", missing.Message);
        Assert.Contains("has no labels", noLabels.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sensor_series_splits_in_time_into_normal_training_windows_and_flagged_test_windows()
    {
        var path = Path.Combine(RepositoryPaths.Root, "data", "sensors.csv");

        using var split = TimeSeriesAnomaly.Split(path);

        // 5,000 steps, windows of 32 every 4: 1,243 windows. Windows 0-617 end by step 2,500 (45 of them touch an
        // anomaly, measured), windows 625-1,242 start there; 618-624 straddle the boundary and are dropped.
        Assert.Equal([32L, 3L], split.SampleShape);
        Assert.Equal(573, split.Train.shape[0]);
        Assert.Equal(618, split.Test.shape[0]);
        Assert.Contains(true, split.TestIsAnomaly);
        Assert.Contains(false, split.TestIsAnomaly);
        Assert.Equal(0, split.Train.min().item<float>(), 1e-6);
        Assert.Equal(1, split.Train.max().item<float>(), 1e-6);
        Assert.Equal(ScalingKind.MinMax, split.Scaler!.Kind);
    }

    [Fact]
    public void A_series_whose_test_part_holds_no_anomaly_is_refused_naming_the_file()
    {
        var rows = Enumerable.Range(0, 200).Select(t => $"{t},{Math.Sin(t / 5.0):F4},{(t < 50 && t > 40 ? 1 : 0)}");
        var path = _folder.Write("quiet.csv", "time,value,anomaly\n" + string.Join('\n', rows) + "\n");

        var error = Assert.Throws<DataInputException>(() => TimeSeriesAnomaly.Split(path, new TimeSeriesAnomalyOptions(["value"], Length: 10, Stride: 2)));

        Assert.StartsWith($"{path}: with windows of 10 steps every 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("the test windows hold 0 anomalous and 46 normal ones", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static Dataset Labelled(int trainCount, int testCount)
    {
        using var scope = NewDisposeScope();
        return new Dataset("toy", "memory",
            arange(trainCount, dtype: ScalarType.Float32).unsqueeze(1), arange(trainCount, dtype: ScalarType.Int64) % 3,
            (arange(testCount, dtype: ScalarType.Float32) + 100).unsqueeze(1), arange(testCount, dtype: ScalarType.Int64) % 3);
    }
}
