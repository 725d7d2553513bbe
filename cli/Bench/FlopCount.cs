using Autoencoders.Models;

namespace Autoencoders.Cli.Bench;

/// <summary>One weighted layer of a model: its forward-pass cost per sample and its parameter count.</summary>
internal sealed record LayerCost(string Layer, long ForwardFlops, long Parameters, bool InEncoder);

/// <summary>
/// Floating-point operations of the dense and convolutional autoencoders, counted analytically per sample.
/// A multiply-add counts as 2 flops; biases and activations are ignored (they are O(outputs), not O(weights · outputs)).
/// Linear: 2·in·out. Convolution: 2·Cin·Cout·k·k·Hout·Wout. Transposed convolution: 2·Cin·Cout·k·k·Hin·Win
/// (each input value is spread over a k×k patch of every output channel; counting output positions would add
/// the stride², 4 here, for products with the zeros inserted between inputs, which libtorch never computes).
/// Training ≈ 3 × forward: the backward pass computes the gradients of both the inputs and the weights.
/// </summary>
internal static class FlopCount
{
    public const int TrainingFactor = 3;
    private const int Kernel = 3;

    /// <summary>The weighted layers of the model that <paramref name="options"/> builds for samples of <paramref name="inputShape"/>, input to output.</summary>
    public static IReadOnlyList<LayerCost> Layers(ModelOptions options, IReadOnlyList<long> inputShape) => options.Kind switch
    {
        ModelKind.Dense or ModelKind.Deep or ModelKind.Sparse or ModelKind.Linear => DenseLayers(options, inputShape),
        ModelKind.Conv or ModelKind.Denoising when inputShape.Count == 3 => ConvLayers(options, inputShape),
        _ => throw new NotSupportedException($"flops are counted for the dense and 2-D convolutional models only, not {options.Kind}"),
    };

    public static long ForwardPerSample(IReadOnlyList<LayerCost> layers) => layers.Sum(layer => layer.ForwardFlops);

    public static long EncodePerSample(IReadOnlyList<LayerCost> layers) => layers.Where(layer => layer.InEncoder).Sum(layer => layer.ForwardFlops);

    public static long TrainingPerSample(IReadOnlyList<LayerCost> layers) => TrainingFactor * ForwardPerSample(layers);

    public static long Parameters(IReadOnlyList<LayerCost> layers) => layers.Sum(layer => layer.Parameters);

    private static List<LayerCost> DenseLayers(ModelOptions options, IReadOnlyList<long> inputShape)
    {
        var input = inputShape.Aggregate(1L, (product, size) => product * size);
        var hidden = options.EffectiveHiddenSizes;
        List<long> widths = [input, .. hidden.Select(size => (long)size), options.LatentSize, .. hidden.Reverse().Select(size => (long)size), input];
        var encoderLayers = hidden.Count + 1;
        return [.. Enumerable.Range(0, widths.Count - 1).Select(i => Linear(widths[i], widths[i + 1], i < encoderLayers))];
    }

    private static List<LayerCost> ConvLayers(ModelOptions options, IReadOnlyList<long> inputShape)
    {
        var channels = options.EffectiveChannels;
        // Each stride-2 convolution halves the size, rounding up (padding 1, kernel 3).
        var sizes = new List<(long Height, long Width)> { (inputShape[1], inputShape[2]) };
        foreach (var _ in channels)
        {
            sizes.Add(((sizes[^1].Height + 1) / 2, (sizes[^1].Width + 1) / 2));
        }

        var layers = new List<LayerCost>();
        var inChannels = inputShape[0];
        for (var i = 0; i < channels.Count; i++)
        {
            var (height, width) = sizes[i + 1];
            layers.Add(new($"conv {inChannels}→{channels[i]}", 2 * inChannels * channels[i] * Kernel * Kernel * height * width,
                (inChannels * channels[i] * Kernel * Kernel) + channels[i], InEncoder: true));
            inChannels = channels[i];
        }

        var bottleneck = channels[^1] * sizes[^1].Height * sizes[^1].Width;
        layers.Add(Linear(bottleneck, options.LatentSize, inEncoder: true));
        layers.Add(Linear(options.LatentSize, bottleneck, inEncoder: false));
        for (var i = channels.Count - 1; i >= 0; i--)
        {
            var outChannels = i == 0 ? inputShape[0] : channels[i - 1];
            var (height, width) = sizes[i + 1];
            layers.Add(new($"transposed conv {channels[i]}→{outChannels}", 2 * channels[i] * outChannels * Kernel * Kernel * height * width,
                (channels[i] * outChannels * Kernel * Kernel) + outChannels, InEncoder: false));
        }

        return layers;
    }

    private static LayerCost Linear(long inputs, long outputs, bool inEncoder) =>
        new($"linear {inputs}→{outputs}", 2 * inputs * outputs, (inputs * outputs) + outputs, inEncoder);
}
