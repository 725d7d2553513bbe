using Autoencoders.Cli.Bench;
using Autoencoders.Models;

namespace Autoencoders.Tests;

public class FlopCountTests
{
    [Fact]
    public void The_dense_784_32_784_model_costs_two_flops_per_weight_forward_and_three_times_that_in_training()
    {
        var layers = FlopCount.Layers(new ModelOptions(ModelKind.Dense, LatentSize: 32), [1, 28, 28]);

        // By hand: 2·784·32 for the encoder, the same for the decoder.
        Assert.Equal(100_352, FlopCount.ForwardPerSample(layers));
        Assert.Equal(50_176, FlopCount.EncodePerSample(layers));
        Assert.Equal(301_056, FlopCount.TrainingPerSample(layers));
    }

    [Fact]
    public void A_deep_model_counts_every_linear_layer_of_both_halves()
    {
        var layers = FlopCount.Layers(new ModelOptions(ModelKind.Deep, LatentSize: 2, HiddenSizes: [4]), [8]);

        // By hand: widths 8-4-2-4-8, so 2·(8·4 + 4·2 + 2·4 + 4·8) = 160.
        Assert.Equal(160, FlopCount.ForwardPerSample(layers));
        Assert.Equal(80, FlopCount.EncodePerSample(layers));
    }

    [Fact]
    public void A_small_conv_model_costs_what_was_counted_by_hand()
    {
        var layers = FlopCount.Layers(new ModelOptions(ModelKind.Conv, LatentSize: 3, Channels: [4, 2]), [1, 8, 8]);

        // By hand, sizes 8→4→2: conv 1→4 at 4×4: 2·1·4·9·16 = 1152; conv 4→2 at 2×2: 2·4·2·9·4 = 576;
        // linear 8→3 and 3→8: 48 each; transposed 2→4 from 2×2: 576; transposed 4→1 from 4×4: 1152.
        Assert.Equal([1152, 576, 48, 48, 576, 1152], layers.Select(layer => layer.ForwardFlops));
        Assert.Equal(3552, FlopCount.ForwardPerSample(layers));
        Assert.Equal(1776, FlopCount.EncodePerSample(layers));
    }

    [Theory]
    [InlineData(ModelKind.Dense, new long[] { 1, 28, 28 })]
    [InlineData(ModelKind.Deep, new long[] { 20 })]
    [InlineData(ModelKind.Conv, new long[] { 1, 8, 8 })]
    [InlineData(ModelKind.Conv, new long[] { 1, 7, 5 })]
    [InlineData(ModelKind.Conv, new long[] { 1, 28, 28 })]
    public void The_counted_layers_hold_exactly_the_models_parameters(ModelKind kind, long[] inputShape)
    {
        var options = new ModelOptions(kind, LatentSize: 3);
        using var model = ModelFactory.Create(options, inputShape, seed: 1);

        // If a model gains or loses a layer, the count no longer matches and the flop figures need updating.
        Assert.Equal(BenchModels.ParameterCount(model), FlopCount.Parameters(FlopCount.Layers(options, inputShape)));
    }

    [Fact]
    public void Models_without_a_flop_count_are_refused()
    {
        Assert.Throws<NotSupportedException>(() => FlopCount.Layers(new ModelOptions(ModelKind.Vae), [1, 28, 28]));
    }
}
