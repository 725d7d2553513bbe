using static TorchSharp.torch;

namespace Autoencoders.Models;

/// <summary>
/// Dropout (Srivastava et al. 2014, inverted: kept values are divided by 1 − p) whose masks come from a given
/// generator, so that a seeded training run is repeatable, resumable and undisturbed by other threads, like the
/// trainer's shuffling and noise. The model sets <see cref="Generator"/> for each training pass; outside training it
/// passes its input through.
/// </summary>
internal sealed class SeededDropout : nn.Module<Tensor, Tensor>
{
    private readonly double _probability;

    public SeededDropout(double probability)
        : base(nameof(SeededDropout))
    {
        _probability = probability;
    }

    /// <summary>Where the masks come from during a training pass; null uses torch's global generator.</summary>
    public Generator? Generator { get; set; }

    public override Tensor forward(Tensor input)
    {
        if (!training || _probability == 0)
        {
            return input.alias();
        }

        using var scope = NewDisposeScope();
        var keep = rand(input.shape, dtype: input.dtype, device: input.device, generator: Generator).ge(_probability);
        return (input * keep / (1 - _probability)).MoveToOuterDisposeScope();
    }
}
