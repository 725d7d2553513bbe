using Autoencoders.Data;
using Autoencoders.Models;
using Autoencoders.Training;
using static TorchSharp.torch;

namespace Autoencoders.Tests;

/// <summary>The trainer's Adam update is TorchSharp's, bit for bit, with its Scalars held through each call.</summary>
public sealed class AdamUpdateTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-2)]
    public void Twenty_updates_give_exactly_the_weights_and_state_of_TorchSharps_Adam(double weightDecay)
    {
        using var data = SyntheticData.LowRank(samples: 64, features: 16, rank: 2, seed: 31);
        using var ours = ModelFactory.Create(new ModelOptions(ModelKind.Dense, LatentSize: 3, HiddenSizes: [8]), [16], seed: 31);
        using var theirs = ModelFactory.Create(new ModelOptions(ModelKind.Dense, LatentSize: 3, HiddenSizes: [8]), [16], seed: 31);
        using var ourAdam = optim.Adam(ours.parameters(), 3e-3, weight_decay: weightDecay);
        using var theirAdam = optim.Adam(theirs.parameters(), 3e-3, weight_decay: weightDecay);

        for (var step = 0; step < 20; step++)
        {
            using var scope = NewDisposeScope();
            var batch = data.narrow(0, step % 4 * 16, 16);
            foreach (var (model, adam) in new[] { (ours, ourAdam), (theirs, theirAdam) })
            {
                adam.zero_grad();
                nn.functional.mse_loss(model.forward(batch), batch).backward();
            }

            AdamUpdate.Step(ourAdam);
            theirAdam.step();
        }

        var ourWeights = ours.parameters().Select(p => p.data<float>().ToArray()).ToList();
        var theirWeights = theirs.parameters().Select(p => p.data<float>().ToArray()).ToList();
        Assert.Equal(theirWeights, ourWeights);
        var ourState = (TorchSharp.Modules.Adam.State)ourAdam.state_dict().State[0];
        var theirState = (TorchSharp.Modules.Adam.State)theirAdam.state_dict().State[0];
        Assert.Equal(theirState.step, ourState.step);
        Assert.Equal(theirState.exp_avg_sq.data<float>().ToArray(), ourState.exp_avg_sq.data<float>().ToArray());
    }
}
