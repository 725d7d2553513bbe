using static TorchSharp.torch;

namespace Autoencoders.Models;

/// <summary>
/// Strided 3×3 convolutions halve the resolution at each stage, a dense layer forms the code, and transposed
/// convolutions mirror the way back. Used by <see cref="ModelKind.Conv"/> and <see cref="ModelKind.Denoising"/> on
/// images <c>(n, channels, height, width)</c>, and by <see cref="ModelKind.Sequence"/> with 1-D convolutions on
/// time-series windows <c>(n, length, channels)</c>. Any height, width or length works: odd sizes are cropped
/// back exactly after each transposed convolution.
/// </summary>
public sealed class ConvAutoencoder : Autoencoder
{
    private readonly nn.Module<Tensor, Tensor> _encoder;
    private readonly nn.Module<Tensor, Tensor> _toCode;
    private readonly nn.Module<Tensor, Tensor> _fromCode;
    private readonly nn.Module<Tensor, Tensor> _decoder;
    private readonly long[] _bottleneckShape;
    private readonly bool _isSequence;

    /// <summary>Builds the layers; initial weights come from the global torch seed.</summary>
    public ConvAutoencoder(ModelOptions options, long[] inputShape)
        : base(nameof(ConvAutoencoder), options, inputShape)
    {
        _isSequence = options.Kind == ModelKind.Sequence;
        var expectedRank = _isSequence ? 2 : 3;
        if (inputShape.Length != expectedRank)
        {
            throw new ArgumentException(_isSequence
                ? $"the sequence model needs windows shaped (length, channels); got [{string.Join(", ", inputShape)}]"
                : $"the {options.Kind.ToString().ToLowerInvariant()} model needs images shaped (channels, height, width); got [{string.Join(", ", inputShape)}]",
                nameof(inputShape));
        }

        // Channels first, as the convolution layers expect: (C, H, W) for images, (C, L) for sequences.
        long[] channelsFirst = _isSequence ? [inputShape[1], inputShape[0]] : inputShape;
        var channels = options.EffectiveChannels;
        var sizes = new List<long[]> { channelsFirst[1..] };
        for (var i = 0; i < channels.Count; i++)
        {
            sizes.Add([.. sizes[^1].Select(size => (size + 1) / 2)]);
        }

        var encoder = new List<nn.Module<Tensor, Tensor>>();
        var decoder = new List<nn.Module<Tensor, Tensor>>();
        var inChannels = channelsFirst[0];
        for (var i = 0; i < channels.Count; i++)
        {
            encoder.Add(Convolution(inChannels, channels[i]));
            encoder.Add(nn.ReLU());
            inChannels = channels[i];
        }

        for (var i = channels.Count - 1; i >= 0; i--)
        {
            var target = i == 0 ? channelsFirst[0] : channels[i - 1];
            decoder.Add(TransposedConvolution(channels[i], target));
            if (sizes[i].Any(size => size % 2 == 1))
            {
                decoder.Add(new Crop(sizes[i]));
            }

            if (i > 0)
            {
                decoder.Add(nn.ReLU());
            }
        }

        if (Layers.OutputLayer(options.Output) is { } output)
        {
            decoder.Add(output);
        }

        _bottleneckShape = [channels[^1], .. sizes[^1]];
        var bottleneck = _bottleneckShape.Aggregate(1L, (product, size) => product * size);
        _encoder = nn.Sequential(encoder);
        _toCode = nn.Linear(bottleneck, LatentSize);
        _fromCode = nn.Sequential(nn.Linear(LatentSize, bottleneck), nn.ReLU());
        _decoder = nn.Sequential(decoder);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor Encode(Tensor input)
    {
        using var scope = NewDisposeScope();
        var features = _encoder.forward(_isSequence ? input.transpose(1, 2) : input);
        return _toCode.forward(features.flatten(1)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Tensor Decode(Tensor code)
    {
        using var scope = NewDisposeScope();
        var features = _fromCode.forward(code).view([-1, .. _bottleneckShape]);
        var output = _decoder.forward(features);
        return (_isSequence ? output.transpose(1, 2).contiguous() : output).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _encoder.Dispose();
            _toCode.Dispose();
            _fromCode.Dispose();
            _decoder.Dispose();
        }

        base.Dispose(disposing);
    }

    private nn.Module<Tensor, Tensor> Convolution(long inChannels, long outChannels) => _isSequence
        ? nn.Conv1d(inChannels, outChannels, kernel_size: 3, stride: 2, padding: 1)
        : nn.Conv2d(inChannels, outChannels, kernel_size: 3, stride: 2, padding: 1);

    // Always doubles the size; Crop trims odd sizes. (TorchSharp 0.107's ConvTranspose2d applies the first
    // element of a per-dimension output_padding to both dimensions, so odd-by-even images cannot use it.)
    private nn.Module<Tensor, Tensor> TransposedConvolution(long inChannels, long outChannels) => _isSequence
        ? nn.ConvTranspose1d(inChannels, outChannels, kernel_size: 3, stride: 2, padding: 1, output_padding: 1)
        : nn.ConvTranspose2d(inChannels, outChannels, kernel_size: 3, stride: 2, padding: 1, output_padding: 1);

    /// <summary>Keeps the leading <c>sizes</c> elements of each trailing dimension.</summary>
    private sealed class Crop(long[] sizes) : nn.Module<Tensor, Tensor>(nameof(Crop))
    {
        public override Tensor forward(Tensor input)
        {
            var result = input;
            var first = input.dim() - sizes.Length;
            for (var i = 0; i < sizes.Length; i++)
            {
                result = result.narrow(first + i, 0, sizes[i]);
            }

            return result;
        }
    }
}
