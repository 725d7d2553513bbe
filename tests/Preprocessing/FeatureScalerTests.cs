using Autoencoders.Data.Preprocessing;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Preprocessing;

public class FeatureScalerTests
{
    // float32 arithmetic on values up to ~100: a relative error of a few ulps (1e-7 each) is expected.
    private const double RoundTripTolerance = 1e-5;

    private static readonly float[] ColumnScales = [1f, 100f, 0.01f];
    private static readonly float[] ColumnShifts = [0f, -50f, 3f];

    private static Tensor Columns(long seed, long rows = 50)
    {
        using var generator = new Generator((ulong)seed);
        using var scope = NewDisposeScope();
        var raw = rand([rows, 3], generator: generator);
        var scaled = (raw * tensor(ColumnScales)) + tensor(ColumnShifts);
        return scaled.MoveToOuterDisposeScope();
    }

    [Fact]
    public void Min_max_maps_the_training_columns_onto_zero_to_one()
    {
        using var scope = NewDisposeScope();
        var data = Columns(1);

        var scaled = new FeatureScaler(ScalingKind.MinMax).Fit(data).Transform(data);

        Assert.Equal([0f, 0f, 0f], scaled.amin(0).data<float>().ToArray());
        AssertClose([1, 1, 1], scaled.amax(0), 1e-6);
    }

    [Fact]
    public void Standard_gives_the_training_columns_zero_mean_and_unit_variance()
    {
        using var scope = NewDisposeScope();
        var data = Columns(2);

        var scaled = new FeatureScaler(ScalingKind.Standard).Fit(data).Transform(data);

        AssertClose([0, 0, 0], scaled.mean([0]), 1e-5);
        AssertClose([1, 1, 1], scaled.std(0, unbiased: false), 1e-5);
    }

    [Theory]
    [InlineData(ScalingKind.MinMax)]
    [InlineData(ScalingKind.Standard)]
    [InlineData(ScalingKind.None)]
    public void The_inverse_undoes_the_transform_within_tolerance(ScalingKind kind)
    {
        using var scope = NewDisposeScope();
        var train = Columns(3);
        var test = Columns(4);
        var scaler = new FeatureScaler(kind).Fit(train);

        var back = scaler.InverseTransform(scaler.Transform(test));

        Assert.True(back.allclose(test, rtol: RoundTripTolerance, atol: RoundTripTolerance), $"max error {(back - test).abs().max().item<float>()}");
    }

    [Theory]
    [InlineData(ScalingKind.MinMax)]
    [InlineData(ScalingKind.Standard)]
    public void A_constant_column_maps_to_zero_and_back_without_NaN(ScalingKind kind)
    {
        using var scope = NewDisposeScope();
        var data = tensor(new float[] { 1, 7.25f, 2, 7.25f, 3, 7.25f }, [3, 2]);
        var scaler = new FeatureScaler(kind).Fit(data);

        var scaled = scaler.Transform(data);

        Assert.Equal(1.0, scaler.State.Scales[1]);
        Assert.Equal([0f, 0f, 0f], scaled[.., 1].data<float>().ToArray());
        Assert.Equal([7.25f, 7.25f, 7.25f], scaler.InverseTransform(scaled)[.., 1].data<float>().ToArray());
        Assert.False(scaled.isnan().any().item<bool>());
    }

    [Fact]
    public void The_JSON_round_trip_gives_identical_output()
    {
        using var scope = NewDisposeScope();
        var train = Columns(5);
        var test = Columns(6);
        var scaler = new FeatureScaler(ScalingKind.Standard).Fit(train);

        var json = scaler.State.ToJson();
        var restored = FeatureScaler.FromState(ScalerState.FromJson(json));

        Assert.Contains("\"Kind\":\"Standard\"", json, StringComparison.Ordinal);
        Assert.Equal(scaler.State.Offsets, restored.State.Offsets);
        Assert.Equal(scaler.State.Scales, restored.State.Scales);
        Assert.Equal(scaler.Transform(test).data<float>().ToArray(), restored.Transform(test).data<float>().ToArray());
        Assert.Equal(scaler.InverseTransform(test).data<float>().ToArray(), restored.InverseTransform(test).data<float>().ToArray());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"Kind\":\"MinMax\",\"Offsets\":[0,1],\"Scales\":[1]}")]
    [InlineData("{\"Kind\":\"MinMax\",\"Offsets\":[0],\"Scales\":[0]}")]
    [InlineData("{\"Kind\":\"Sideways\",\"Offsets\":[0],\"Scales\":[1]}")]
    [InlineData("{\"Kind\":\"MinMax\"}")]
    public void Malformed_saved_parameters_are_refused(string json)
    {
        Assert.Throws<FormatException>(() => ScalerState.FromJson(json));
    }

    [Fact]
    public void Fitting_on_the_training_split_ignores_the_test_splits_statistics()
    {
        using var scope = NewDisposeScope();
        var train = tensor(new float[] { 0, 10, 2, 20, 4, 30 }, [3, 2]);
        var test = tensor(new float[] { 100, -100 }, [1, 2]);
        var scaler = new FeatureScaler(ScalingKind.MinMax).Fit(train);

        var scaledTest = scaler.Transform(test);

        // Parameters from the training rows alone: min (0, 10), range (4, 20).
        Assert.Equal([0.0, 10.0], scaler.State.Offsets);
        Assert.Equal([4.0, 20.0], scaler.State.Scales);
        // Test values outside the training range land outside [0, 1]: nothing was learned from them.
        AssertClose([25, -5.5], scaledTest[0], 1e-6);
    }

    [Fact]
    public void Using_a_scaler_before_Fit_is_refused_politely()
    {
        using var scope = NewDisposeScope();
        var scaler = new FeatureScaler(ScalingKind.MinMax);
        var data = ones(2, 2);

        var error = Assert.Throws<InvalidOperationException>(() => scaler.Transform(data));
        Assert.Throws<InvalidOperationException>(() => scaler.InverseTransform(data));
        Assert.Throws<InvalidOperationException>(() => scaler.State);
        Assert.Contains("call Fit", error.Message, StringComparison.Ordinal);
        Assert.False(scaler.IsFitted);
    }

    [Fact]
    public void Data_with_a_different_number_of_columns_is_refused()
    {
        using var scope = NewDisposeScope();
        var scaler = new FeatureScaler(ScalingKind.Standard).Fit(rand(4, 3));

        var error = Assert.Throws<ArgumentException>(() => scaler.Transform(rand(4, 2)));

        Assert.Contains("fitted on 3 columns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_are_scaled_per_channel_over_the_last_dimension()
    {
        using var scope = NewDisposeScope();
        var windows = Columns(7, rows: 24).reshape(4, 6, 3);

        var scaled = new FeatureScaler(ScalingKind.MinMax).Fit(windows).Transform(windows);

        Assert.Equal([4L, 6L, 3L], scaled.shape);
        AssertClose([1, 1, 1], scaled.reshape(-1, 3).amax(0), 1e-6);
    }

    [Fact]
    public void Scaling_leaves_no_live_tensors_behind()
    {
        var data = Columns(8);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        var scaler = new FeatureScaler(ScalingKind.Standard).Fit(data);
        using (var scaled = scaler.Transform(data))
        using (var back = scaler.InverseTransform(scaled))
        {
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        data.Dispose();
    }

    private static void AssertClose(double[] expected, Tensor actual, double tolerance)
    {
        var values = actual.to_type(ScalarType.Float64).data<double>().ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - values[i]) <= tolerance, $"element {i}: expected {expected[i]} ± {tolerance}, got {values[i]}");
        }
    }
}
