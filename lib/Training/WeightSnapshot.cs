using static TorchSharp.torch;

namespace Autoencoders.Training;

/// <summary>A private copy of a module's weights, to put back later (early stopping's "restore best weights").</summary>
internal sealed class WeightSnapshot : IDisposable
{
    private readonly Dictionary<string, Tensor> _weights;

    private WeightSnapshot(Dictionary<string, Tensor> weights) => _weights = weights;

    public static WeightSnapshot Capture(nn.Module module)
    {
        using var noGrad = no_grad();

        // The scope takes detach()'s views; only the copies leave it.
        using var scope = NewDisposeScope();
        return new WeightSnapshot(module.state_dict().ToDictionary(
            entry => entry.Key,
            entry => entry.Value.detach().clone().DetachFromDisposeScope()));
    }

    public void Restore(nn.Module module)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        foreach (var (name, tensor) in module.state_dict())
        {
            tensor.copy_(_weights[name]);
        }
    }

    public void Dispose()
    {
        foreach (var tensor in _weights.Values)
        {
            tensor.Dispose();
        }
    }
}
