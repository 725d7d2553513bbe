using Autoencoders.Checkpoints;
using Autoencoders.Models;
using Autoencoders.Tests.Support;
using Autoencoders.Training;

namespace Autoencoders.Tests.FaultInjection;

/// <summary>A checkpoint read while another thread keeps replacing it is always one whole checkpoint, the old or the new.</summary>
[Collection(FaultInjectionGroup.Name)]
public sealed class ConcurrentReadTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Reading_a_checkpoint_while_it_is_replaced_gives_the_old_or_the_new_one_whole()
    {
        var folder = _temp.File("checkpoint");
        var options = new ModelOptions(ModelKind.Dense, LatentSize: 4, HiddenSizes: [64]);
        using var first = ModelFactory.Create(options, [784], seed: 1);
        using var second = ModelFactory.Create(options, [784], seed: 2);
        var content = new CheckpointContent(null, new TrainingOptions(Epochs: 1), new TrainingSelection(), TrainingHistory.Empty);
        Checkpoint.Save(folder, first, content);
        using var stop = new CancellationTokenSource();

        var writer = Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                Checkpoint.Save(folder, i % 2 == 0 ? second : first, content);
            }
        });
        try
        {
            for (var read = 0; read < 150; read++)
            {
                // Load checks the weights against the SHA-256 in the metadata it read: a mix would be refused.
                using var loaded = Checkpoint.Load(folder);
                Assert.Equal(4, loaded.Model.Options.LatentSize);
            }
        }
        finally
        {
            stop.Cancel();
            await writer;
        }
    }
}
