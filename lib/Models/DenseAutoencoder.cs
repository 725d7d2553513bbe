using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Models;

/// <summary>
/// The fully connected models: <see cref="ModelKind.Dense"/> (input → code → input, Keras blog's simplest),
/// <see cref="ModelKind.Deep"/> (hidden layers each way), <see cref="ModelKind.Sparse"/> (dense plus an L1 activity
/// penalty on the code) and <see cref="ModelKind.Linear"/> (no activations at all, so it spans PCA's subspace).
/// Inputs of any shape are flattened: <c>(n, ...InputShape) -> (n, latent) -> (n, ...InputShape)</c>.
/// </summary>
public sealed class DenseAutoencoder : Autoencoder
{
    private readonly nn.Module<Tensor, Tensor> _encoder;
    private readonly nn.Module<Tensor, Tensor> _decoder;

    /// <summary>Builds the layers; initial weights come from the global torch seed.</summary>
    public DenseAutoencoder(ModelOptions options, long[] inputShape)
        : base(nameof(DenseAutoencoder), options, inputShape)
    {
        var hidden = options.EffectiveHiddenSizes;
        var linear = options.Kind == ModelKind.Linear;
        Func<nn.Module<Tensor, Tensor>>? activation = linear ? null : () => nn.ReLU();
        // The code is linear, as PCA's projection is: a ReLU code would lose every unit that dies. The sparse model
        // keeps Keras' ReLU code, whose exact zeros are what its L1 penalty asks for.
        _encoder = Layers.DenseStack(Layers.EncoderWidths(InputSize, hidden, LatentSize), activation,
            options.Kind == ModelKind.Sparse ? nn.ReLU() : null);
        _decoder = Layers.DenseStack(Layers.DecoderWidths(InputSize, hidden, LatentSize), activation,
            linear ? null : Layers.OutputLayer(options.EffectiveOutput));
        RegisterComponents();
    }

    /// <summary>The encoder and decoder stacks (the ONNX export walks them).</summary>
    internal (nn.Module<Tensor, Tensor> Encoder, nn.Module<Tensor, Tensor> Decoder) Stages => (_encoder, _decoder);

    /// <inheritdoc/>
    public override Tensor Encode(Tensor input)
    {
        using var flat = input.flatten(1);
        return _encoder.forward(flat);
    }

    /// <inheritdoc/>
    public override Tensor Decode(Tensor code)
    {
        using var flat = _decoder.forward(code);
        return flat.view([-1, .. InputShape]);
    }

    /// <summary>Adds the sparse model's penalty, weight · Σ|code| averaged over the batch.</summary>
    public override TrainingOutput ForwardForTraining(Tensor input, Generator? generator = null)
    {
        if (Options.Kind != ModelKind.Sparse)
        {
            return base.ForwardForTraining(input, generator);
        }

        using var code = Encode(input);
        using var weight = (Options.SparsityWeight / code.shape[0]).ToScalar();
        var penalty = code.abs().sum().mul(weight);
        return new TrainingOutput(Decode(code), penalty);
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
}
