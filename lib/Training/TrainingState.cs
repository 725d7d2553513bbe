using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Autoencoders.Training;

/// <summary>
/// A private copy of everything a run continues from at the end of one epoch: the model's weights and Adam's state
/// (moment estimates, step counts). Putting both back together is what makes a resumed run repeat an uninterrupted
/// one; weights alone with a later optimiser state (or the reverse) do not.
/// </summary>
internal sealed class TrainingState : IDisposable
{
    private readonly WeightSnapshot _weights;
    private readonly byte[] _optimizer;

    private TrainingState(int epoch, WeightSnapshot weights, byte[] optimizer)
    {
        Epoch = epoch;
        _weights = weights;
        _optimizer = optimizer;
    }

    /// <summary>The epoch at whose end the state was taken (0: before the first).</summary>
    public int Epoch { get; }

    public static TrainingState Capture(int epoch, nn.Module model, Adam optimizer)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            optimizer.save_state_dict(writer);
        }

        return new TrainingState(epoch, WeightSnapshot.Capture(model), buffer.ToArray());
    }

    public void Restore(nn.Module model, Adam optimizer)
    {
        _weights.Restore(model);
        using var reader = new BinaryReader(new MemoryStream(_optimizer, writable: false));
        optimizer.load_state_dict(reader);
    }

    public void Dispose() => _weights.Dispose();
}
