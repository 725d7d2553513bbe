using static TorchSharp.torch;

namespace Autoencoders.Models;

/// <summary>
/// Base of every model in the workbook: an encoder that maps samples <c>(n, ...InputShape)</c> to codes
/// <c>(n, LatentSize)</c> and a decoder that maps codes back to reconstructions of the input's shape.
/// Models hold no training code (a trainer fits them); they only say what training adds to the loss, through
/// <see cref="ForwardForTraining"/>.
/// </summary>
public abstract class Autoencoder : nn.Module<Tensor, Tensor>
{
    /// <summary>Stores the options and the shape of one input sample.</summary>
    protected Autoencoder(string name, ModelOptions options, long[] inputShape)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inputShape);
        Options = options;
        InputShape = [.. inputShape];
    }

    /// <summary>The options the model was built with (saved in checkpoints).</summary>
    public ModelOptions Options { get; }

    /// <summary>Shape of one input sample, e.g. <c>[1, 28, 28]</c> or <c>[64]</c>.</summary>
    public IReadOnlyList<long> InputShape { get; }

    /// <summary>Number of values in one input sample.</summary>
    public long InputSize => InputShape.Aggregate(1L, (product, size) => product * size);

    /// <summary>Size of the code.</summary>
    public virtual int LatentSize => Options.LatentSize;

    /// <summary>
    /// Throws <see cref="ArgumentException"/> for <paramref name="parameterName"/> unless <paramref name="samples"/>
    /// is a batch of this model's inputs, <c>(n, ...InputShape)</c>: a clear message before a layer fails obscurely.
    /// </summary>
    public void RequireSamples(Tensor samples, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(samples, parameterName);
        if (samples.dim() < 2 || !samples.shape.Skip(1).SequenceEqual(InputShape))
        {
            throw new ArgumentException(
                $"{parameterName} samples have shape [{string.Join(", ", samples.shape.Skip(1))}] but the model expects [{string.Join(", ", InputShape)}].",
                parameterName);
        }
    }

    /// <summary>Maps samples <c>(n, ...InputShape)</c> to codes <c>(n, LatentSize)</c>; deterministic (a VAE returns its mean).</summary>
    public abstract Tensor Encode(Tensor input);

    /// <summary>Maps codes <c>(n, LatentSize)</c> to reconstructions <c>(n, ...InputShape)</c>.</summary>
    public abstract Tensor Decode(Tensor code);

    /// <summary>
    /// The training-time pass: the reconstruction and any extra loss term the model adds (the sparse model's
    /// activity penalty, the VAE's β-weighted KL divergence). The default has no extra term.
    /// </summary>
    /// <param name="input">A batch of samples.</param>
    /// <param name="generator">Source of randomness for models that sample (the VAE); null uses the global one.</param>
    public virtual TrainingOutput ForwardForTraining(Tensor input, Generator? generator = null)
    {
        using var code = Encode(input);
        return new TrainingOutput(Decode(code), Penalty: null);
    }

    /// <summary>Reconstructs the input: <c>Decode(Encode(input))</c>, shape <c>(n, ...InputShape)</c>.</summary>
    public override Tensor forward(Tensor input)
    {
        using var code = Encode(input);
        return Decode(code);
    }
}

/// <summary>What one training-time pass produced.</summary>
/// <param name="Reconstruction">Reconstructions, the input's shape.</param>
/// <param name="Penalty">
/// A scalar added to the mean reconstruction loss, or null: per sample, averaged over the batch (a term summed over
/// the code, like the VAE's KL, is also divided by the features per sample to match the loss's per-element scale).
/// </param>
public sealed record TrainingOutput(Tensor Reconstruction, Tensor? Penalty);
