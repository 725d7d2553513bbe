using Autoencoders.Data;
using Autoencoders.Models;
using Autoencoders.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests;

public class TrainerTests
{
    private static readonly TrainingOptions Quick = new(Epochs: 5, BatchSize: 64, LearningRate: 1e-2, Seed: 7);

    [Fact]
    public void A_few_Adam_epochs_on_random_low_rank_data_lower_the_loss()
    {
        manual_seed(1);
        using var data = SyntheticData.LowRank(samples: 512, features: 32, rank: 3, seed: 1);
        using var model = new DenseAutoencoder(32, latentSize: 4, hiddenSizes: [16]);

        var history = Trainer.Fit(model, data, Quick);

        Assert.Equal(5, history.Epochs.Count);
        Assert.True(history.FinalLoss < 0.5 * history.InitialLoss, $"loss went from {history.InitialLoss} to {history.FinalLoss}");
    }

    [Fact]
    public void Training_leaves_no_live_tensors_behind()
    {
        manual_seed(2);
        using var data = SyntheticData.LowRank(samples: 256, features: 16, rank: 2, seed: 2);
        using var model = new DenseAutoencoder(16, latentSize: 2);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        Trainer.Fit(model, data, Quick);

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void The_same_seed_gives_the_same_history()
    {
        static TrainingHistory Train()
        {
            manual_seed(3);
            using var data = SyntheticData.LowRank(samples: 256, features: 16, rank: 2, seed: 3);
            using var model = new DenseAutoencoder(16, latentSize: 2);
            return Trainer.Fit(model, data, Quick);
        }

        Assert.Equal(Train().Epochs, Train().Epochs);
    }

    [Fact]
    public void Options_out_of_range_are_refused_with_their_name()
    {
        var error = Assert.Throws<ArgumentException>(() => (Quick with { BatchSize = 0 }).Validate());

        Assert.Contains("BatchSize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dense_autoencoder_maps_inputs_to_codes_and_back()
    {
        using var model = new DenseAutoencoder(20, latentSize: 3, hiddenSizes: [10, 6]);
        using var scope = NewDisposeScope();
        var input = rand(8, 20);

        Assert.Equal([8L, 3L], model.Encode(input).shape);
        Assert.Equal([8L, 20L], model.forward(input).shape);
    }
}
