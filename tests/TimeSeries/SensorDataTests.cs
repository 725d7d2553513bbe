using Autoencoders.Data.Tabular;
using Autoencoders.Data.TimeSeries;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.TimeSeries;

public class SensorDataTests
{
    private static readonly string ShippedFile = Path.Combine(RepositoryPaths.Root, "data", "sensors.csv");

    [Fact]
    public void The_committed_sensors_file_is_exactly_what_the_generator_makes()
    {
        var expected = SensorData.ToCsv(SensorData.DefaultSteps, SensorData.DefaultSeed);

        // Compared as bytes: a changed line ending or encoding would be drift too. Regenerate with
        // `dotnet run data/make-sensors.cs` after changing the generator on purpose.
        Assert.True(
            File.ReadAllBytes(ShippedFile).SequenceEqual(System.Text.Encoding.UTF8.GetBytes(expected)),
            "data/sensors.csv differs from SensorData.ToCsv(); run `dotnet run data/make-sensors.cs` and commit the result");
    }

    [Fact]
    public void The_same_seed_gives_the_same_text_and_another_seed_another()
    {
        Assert.Equal(SensorData.ToCsv(500, seed: 1), SensorData.ToCsv(500, seed: 1));
        Assert.NotEqual(SensorData.ToCsv(500, seed: 1), SensorData.ToCsv(500, seed: 2));
    }

    [Fact]
    public void The_shipped_file_loads_with_a_few_short_labelled_anomalies()
    {
        var table = CsvTable.Read(ShippedFile, "anomaly");

        Assert.Equal(SensorData.DefaultSteps, table.RowCount);
        Assert.Equal(["time", "temperature", "pressure", "vibration"], table.FeatureNames);
        var anomalous = table.Labels!.Count(label => label == 1);
        var segments = table.Labels!.Zip(table.Labels!.Skip(1)).Count(pair => pair is (0, 1));
        Assert.InRange(segments, 3, 12);
        Assert.InRange(anomalous, segments, SensorData.DefaultSteps / 10);
    }

    [Fact]
    public void Writing_goes_through_a_temporary_file_and_leaves_only_the_target()
    {
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Path, "sensors.csv");
        File.WriteAllText(target, "old");

        SensorData.Write(target, 200, seed: 4);

        Assert.Equal(SensorData.ToCsv(200, seed: 4), File.ReadAllText(target));
        Assert.Equal([target], Directory.GetFiles(folder.Path));
    }
}
