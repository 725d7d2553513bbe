using static TorchSharp.torch;

namespace Autoencoders.Models;

/// <summary>
/// Strided convolutions halve the resolution at each stage, a dense layer forms the code, and transposed
/// convolutions mirror the way back. Used by <see cref="ModelKind.Conv"/> and <see cref="ModelKind.Denoising"/> on
/// images <c>(n, channels, height, width)</c>, and by <see cref="ModelKind.Sequence"/> with 1-D convolutions on
/// time-series windows <c>(n, length, channels)</c>. Any height, width or length works: odd sizes are cropped
/// back exactly after each transposed convolution. <see cref="ModelOptions.KernelSize"/> sets the kernels ("same"
/// padding), <see cref="ModelOptions.Dropout"/> adds dropout between stages, and <see cref="ModelOptions.DenseCode"/>
/// false drops the dense code for keras-io's layout (the last feature map is the code; a stride-1 convolution ends
/// the decoder). With <c>Channels = [32, 16]</c>, <c>KernelSize = 7</c>, <c>Dropout = 0.2</c> and no dense code,
/// the sequence kind on windows of 288 steps is keras-io's time-series anomaly model, 9,505 parameters.
/// </summary>
public sealed class ConvAutoencoder : Autoencoder
{
    private readonly nn.Module<Tensor, Tensor> _encoder;
    private readonly nn.Module<Tensor, Tensor> _toCode;
    private readonly nn.Module<Tensor, Tensor> _fromCode;
    private readonly nn.Module<Tensor, Tensor> _decoder;
    private readonly long[] _bottleneckShape;
    private readonly bool _isSequence;
    private readonly int _codeSize;
    private readonly List<SeededDropout> _dropouts = [];

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
        var inChannels = channelsFirst[0];
        for (var i = 0; i < channels.Count; i++)
        {
            encoder.Add(Convolution(inChannels, channels[i], stride: 2));
            encoder.Add(nn.ReLU());
            if (i < channels.Count - 1)
            {
                AddDropout(encoder);
            }

            inChannels = channels[i];
        }

        var decoder = options.DenseCode ? DenseCodeDecoder(channels, sizes, channelsFirst[0]) : FeatureMapDecoder(channels, sizes, channelsFirst[0]);
        if (Layers.OutputLayer(options.EffectiveOutput) is { } output)
        {
            decoder.Add(output);
        }

        _bottleneckShape = [channels[^1], .. sizes[^1]];
        var bottleneck = _bottleneckShape.Aggregate(1L, (product, size) => product * size);
        _codeSize = options.DenseCode ? options.LatentSize : checked((int)bottleneck);
        _encoder = nn.Sequential(encoder);
        _toCode = options.DenseCode ? nn.Linear(bottleneck, LatentSize) : nn.Identity();
        _fromCode = options.DenseCode ? nn.Sequential(nn.Linear(LatentSize, bottleneck), nn.ReLU()) : nn.Identity();
        _decoder = nn.Sequential(decoder);
        RegisterComponents();
    }

    /// <summary>The size of the code: <see cref="ModelOptions.LatentSize"/>, or without a dense code the last feature map's size.</summary>
    public override int LatentSize => _codeSize;

    /// <summary>The shape the decoder's first layer takes, channels first (the ONNX export reshapes codes to it).</summary>
    internal IReadOnlyList<long> BottleneckShape => _bottleneckShape;

    /// <summary>The modules in order: encoder, to code, from code, decoder (the ONNX export walks them).</summary>
    internal (nn.Module<Tensor, Tensor> Encoder, nn.Module<Tensor, Tensor> ToCode, nn.Module<Tensor, Tensor> FromCode, nn.Module<Tensor, Tensor> Decoder) Stages =>
        (_encoder, _toCode, _fromCode, _decoder);

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

    /// <summary>The training pass, with the dropout masks drawn from <paramref name="generator"/> (the trainer's epoch generator).</summary>
    public override TrainingOutput ForwardForTraining(Tensor input, Generator? generator = null)
    {
        foreach (var dropout in _dropouts)
        {
            dropout.Generator = generator;
        }

        try
        {
            return base.ForwardForTraining(input, generator);
        }
        finally
        {
            foreach (var dropout in _dropouts)
            {
                dropout.Generator = null;
            }
        }
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

    // The dense code's decoder: each transposed convolution goes to the channels of the matching encoder stage's input.
    private List<nn.Module<Tensor, Tensor>> DenseCodeDecoder(IReadOnlyList<int> channels, List<long[]> sizes, long inputChannels)
    {
        var decoder = new List<nn.Module<Tensor, Tensor>>();
        for (var i = channels.Count - 1; i >= 0; i--)
        {
            decoder.Add(TransposedConvolution(channels[i], i == 0 ? inputChannels : channels[i - 1]));
            AddCrop(decoder, sizes[i]);
            if (i > 0)
            {
                decoder.Add(nn.ReLU());
                AddDropout(decoder);
            }
        }

        return decoder;
    }

    // keras-io's decoder: transposed convolutions back through the encoder's channels (deepest first), then a stride-1
    // convolution from the first stage's channels to the input's.
    private List<nn.Module<Tensor, Tensor>> FeatureMapDecoder(IReadOnlyList<int> channels, List<long[]> sizes, long inputChannels)
    {
        var decoder = new List<nn.Module<Tensor, Tensor>>();
        long inChannels = channels[^1];
        for (var i = channels.Count - 1; i >= 0; i--)
        {
            decoder.Add(TransposedConvolution(inChannels, channels[i]));
            AddCrop(decoder, sizes[i]);
            decoder.Add(nn.ReLU());
            if (i > 0)
            {
                AddDropout(decoder);
            }

            inChannels = channels[i];
        }

        decoder.Add(Convolution(inChannels, inputChannels, stride: 1));
        return decoder;
    }

    private static void AddCrop(List<nn.Module<Tensor, Tensor>> layers, long[] size)
    {
        if (size.Any(length => length % 2 == 1))
        {
            layers.Add(new Crop(size));
        }
    }

    // Only when asked for: a layer without weights still shifts the indices that name the weights after it, and
    // checkpoints of models without dropout must keep loading.
    private void AddDropout(List<nn.Module<Tensor, Tensor>> layers)
    {
        if (Options.Dropout > 0)
        {
            var dropout = new SeededDropout(Options.Dropout);
            _dropouts.Add(dropout);
            layers.Add(dropout);
        }
    }

    // "Same" padding: an odd kernel of size k with k / 2 on each side keeps the size at stride 1 and halves it
    // (rounding up) at stride 2.
    private nn.Module<Tensor, Tensor> Convolution(long inChannels, long outChannels, long stride) => _isSequence
        ? nn.Conv1d(inChannels, outChannels, kernel_size: Options.KernelSize, stride: stride, padding: Options.KernelSize / 2)
        : nn.Conv2d(inChannels, outChannels, kernel_size: Options.KernelSize, stride: stride, padding: Options.KernelSize / 2);

    // Always doubles the size; Crop trims odd sizes. (TorchSharp 0.107's ConvTranspose2d applies the first
    // element of a per-dimension output_padding to both dimensions, so odd-by-even images cannot use it.)
    private nn.Module<Tensor, Tensor> TransposedConvolution(long inChannels, long outChannels) => _isSequence
        ? nn.ConvTranspose1d(inChannels, outChannels, kernel_size: Options.KernelSize, stride: 2, padding: Options.KernelSize / 2, output_padding: 1)
        : nn.ConvTranspose2d(inChannels, outChannels, kernel_size: Options.KernelSize, stride: 2, padding: Options.KernelSize / 2, output_padding: 1);

    /// <summary>Keeps the leading <c>sizes</c> elements of each trailing dimension.</summary>
    internal sealed class Crop(long[] sizes) : nn.Module<Tensor, Tensor>(nameof(Crop))
    {
        /// <summary>The sizes kept, one per trailing dimension.</summary>
        public IReadOnlyList<long> Sizes => sizes;

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
