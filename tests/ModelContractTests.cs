using Autoencoders.Checkpoints;
using Autoencoders.Models;
using Autoencoders.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests;

/// <summary>One contract, every model: the scikit-learn <c>check_estimator</c> idea applied to autoencoders.</summary>
public sealed class ModelContractTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("contract-").FullName;

    public static TheoryData<ModelKind, long[]> Models => new()
    {
        { ModelKind.Dense, [1, 6, 6] },
        { ModelKind.Deep, [20] },
        { ModelKind.Conv, [1, 9, 7] },
        { ModelKind.Linear, [20] },
        { ModelKind.Sparse, [20] },
        { ModelKind.Denoising, [2, 8, 8] },
        { ModelKind.Vae, [1, 6, 6] },
        { ModelKind.Sequence, [13, 3] },
    };

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [MemberData(nameof(Models))]
    public void Reconstructions_have_the_input_shape_and_codes_the_latent_size(ModelKind kind, long[] shape)
    {
        using var model = Create(kind, shape);
        using var scope = NewDisposeScope();
        var input = rand([5, .. shape]);

        Assert.Equal([5L, 3L], model.Encode(input).shape);
        Assert.Equal(input.shape, model.forward(input).shape);
        Assert.Equal(input.shape, model.ForwardForTraining(input).Reconstruction.shape);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void A_few_training_epochs_lower_the_loss_and_leak_no_tensors(ModelKind kind, long[] shape)
    {
        using var model = Create(kind, shape);
        using var data = Data(shape, seed: 1);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        TrainingHistory history;
        using (var trainer = new Trainer(model, new TrainingOptions(Epochs: 8, BatchSize: 16, LearningRate: 5e-3, Seed: 1)))
        {
            history = trainer.Fit(data);
        }

        Assert.True(history.FinalLoss < history.InitialLoss, $"{kind}: loss went from {history.InitialLoss} to {history.FinalLoss}");
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Saving_and_loading_gives_identical_outputs(ModelKind kind, long[] shape)
    {
        using var model = Create(kind, shape);
        using var data = Data(shape, seed: 2);
        var options = new TrainingOptions(Epochs: 1, BatchSize: 16, Seed: 2);
        TrainingHistory history;
        using (var trainer = new Trainer(model, options))
        {
            history = trainer.Fit(data);
        }

        Checkpoint.Save(_folder, model, new CheckpointContent(null, options, new TrainingSelection(), history));
        using var loaded = Checkpoint.Load(_folder);
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        Assert.Equal(kind, loaded.Metadata.Model.Kind);
        // Exact: the loaded weights are the saved bits, and the same forward pass runs on them in the same process.
        Assert.True(model.forward(data).allclose(loaded.Model.forward(data), rtol: 0, atol: 0), $"{kind}: outputs differ after reload");
        Assert.True(model.Encode(data).allclose(loaded.Model.Encode(data), rtol: 0, atol: 0), $"{kind}: codes differ after reload");
    }

    [Fact]
    public void The_same_seed_gives_the_same_initial_weights_and_another_seed_different_ones()
    {
        using var first = ModelFactory.Create(new ModelOptions(ModelKind.Deep, 3), [20], seed: 5);
        using var second = ModelFactory.Create(new ModelOptions(ModelKind.Deep, 3), [20], seed: 5);
        using var third = ModelFactory.Create(new ModelOptions(ModelKind.Deep, 3), [20], seed: 6);
        using var scope = NewDisposeScope();
        var input = rand(4, 20);

        Assert.True(first.forward(input).allclose(second.forward(input), rtol: 0, atol: 0));
        Assert.False(first.forward(input).allclose(third.forward(input), rtol: 0, atol: 0));
    }

    [Fact]
    public void A_convolutional_model_refuses_flat_input_with_a_clear_message()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelFactory.Create(new ModelOptions(ModelKind.Conv, 3), [784], seed: 0));

        Assert.Contains("(channels, height, width)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_VAE_samples_from_its_prior_with_the_input_shape()
    {
        using var model = (VariationalAutoencoder)Create(ModelKind.Vae, [1, 6, 6]);
        using var generator = new Generator(3);
        using var samples = model.Sample(4, generator);

        Assert.Equal([4L, 1L, 6L, 6L], samples.shape);
        Assert.InRange(samples.min().item<float>(), 0f, 1f);
        Assert.InRange(samples.max().item<float>(), 0f, 1f);
    }

    private static Autoencoder Create(ModelKind kind, long[] shape) =>
        ModelFactory.Create(new ModelOptions(kind, LatentSize: 3, HiddenSizes: kind is ModelKind.Deep or ModelKind.Vae ? [16] : null, Channels: [8, 4]), shape, seed: 0);

    // Smooth random patterns in [0, 1]: learnable, unlike pure noise.
    private static Tensor Data(long[] shape, long seed)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var features = shape.Aggregate(1L, (a, b) => a * b);
        var factors = randn([64, 2], generator: generator);
        var basis = randn([2, features], generator: generator);
        return factors.matmul(basis).sigmoid().view([64, .. shape]).MoveToOuterDisposeScope();
    }
}
