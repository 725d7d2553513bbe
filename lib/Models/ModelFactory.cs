namespace Autoencoders.Models;

/// <summary>Builds the model that <see cref="ModelOptions.Kind"/> names for inputs of a given shape.</summary>
public static class ModelFactory
{
    /// <summary>
    /// Creates an untrained model whose initial weights depend only on <paramref name="seed"/>.
    /// </summary>
    /// <param name="options">The variant and its sizes.</param>
    /// <param name="inputShape">Shape of one sample, e.g. <c>[1, 28, 28]</c>, <c>[64]</c> or <c>[length, channels]</c>.</param>
    /// <param name="seed">Seeds the initial weights.</param>
    /// <exception cref="Data.DataInputException">The model would not fit in this machine's memory (<see cref="ModelSize.Require"/>).</exception>
    public static Autoencoder Create(ModelOptions options, IReadOnlyList<long> inputShape, long seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inputShape);
        options.Validate();
        if (inputShape.Count == 0 || inputShape.Any(size => size < 1))
        {
            throw new ArgumentException($"input shape [{string.Join(", ", inputShape)}] must have positive sizes", nameof(inputShape));
        }

        // Before libtorch allocates: a size read from a file or an option may be absurd.
        ModelSize.Require(options, inputShape);
        long[] shape = [.. inputShape];
        TorchSharp.torch.manual_seed(seed);

        // TorchSharp's convolution layers leave a temporary tensor of their weight initialisation behind (four for the
        // conv model, found by the live-tensor count): built inside a scope, whatever is not the model's is freed.
        using var scope = TorchSharp.torch.NewDisposeScope();
        Autoencoder model = options.Kind switch
        {
            ModelKind.Dense or ModelKind.Deep or ModelKind.Sparse or ModelKind.Linear => new DenseAutoencoder(options, shape),
            ModelKind.Conv or ModelKind.Denoising or ModelKind.Sequence => new ConvAutoencoder(options, shape),
            ModelKind.Vae => new VariationalAutoencoder(options, shape),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "unknown model kind"),
        };
        foreach (var (_, tensor) in model.state_dict())
        {
            tensor.DetachFromDisposeScope();
        }

        return model;
    }
}
