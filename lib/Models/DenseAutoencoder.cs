using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Autoencoders.Models;

/// <summary>
/// A fully connected autoencoder: <c>(n, features) -> (n, latent) -> (n, features)</c>. Hidden layers use ReLU;
/// the code layer is linear; the output passes through a sigmoid because inputs are scaled to [0, 1].
/// With no hidden sizes it is the classic single-layer 784-32-784 autoencoder of the Keras blog.
/// </summary>
public sealed class DenseAutoencoder : nn.Module<Tensor, Tensor>
{
    private readonly Sequential _encoder;
    private readonly Sequential _decoder;

    /// <summary>Creates the layers; weights come from TorchSharp's default initialisation, seeded by <c>torch.manual_seed</c>.</summary>
    /// <param name="inputSize">Number of features per sample, e.g. 784 for a 28x28 image.</param>
    /// <param name="latentSize">Size of the code.</param>
    /// <param name="hiddenSizes">Hidden layer sizes of the encoder, outermost first; the decoder mirrors them.</param>
    public DenseAutoencoder(int inputSize, int latentSize, IReadOnlyList<int>? hiddenSizes = null)
        : base(nameof(DenseAutoencoder))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(latentSize, 1);
        hiddenSizes ??= [];
        InputSize = inputSize;
        LatentSize = latentSize;

        var widths = new List<int> { inputSize };
        widths.AddRange(hiddenSizes);
        _encoder = Stack(widths, latentSize, finalActivation: null);
        widths.Reverse();
        _decoder = Stack([latentSize, .. widths.SkipLast(1)], inputSize, finalActivation: nn.Sigmoid());
        RegisterComponents();
    }

    /// <summary>Number of input features.</summary>
    public int InputSize { get; }

    /// <summary>Size of the code.</summary>
    public int LatentSize { get; }

    /// <summary>Maps inputs <c>(n, features)</c> to codes <c>(n, latent)</c>.</summary>
    public Tensor Encode(Tensor input) => _encoder.forward(input);

    /// <summary>Maps codes <c>(n, latent)</c> to reconstructions <c>(n, features)</c>.</summary>
    public Tensor Decode(Tensor code) => _decoder.forward(code);

    /// <summary>Reconstructs the input: <c>Decode(Encode(input))</c>.</summary>
    public override Tensor forward(Tensor input)
    {
        using var code = Encode(input);
        return Decode(code);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _encoder.Dispose();
            _decoder.Dispose();
        }

        base.Dispose(disposing);
    }

    private static Sequential Stack(List<int> widths, int outputSize, nn.Module<Tensor, Tensor>? finalActivation)
    {
        var layers = new List<nn.Module<Tensor, Tensor>>();
        for (var i = 0; i < widths.Count - 1; i++)
        {
            layers.Add(nn.Linear(widths[i], widths[i + 1]));
            layers.Add(nn.ReLU());
        }

        layers.Add(nn.Linear(widths[^1], outputSize));
        if (finalActivation is not null)
        {
            layers.Add(finalActivation);
        }

        return nn.Sequential(layers);
    }
}
