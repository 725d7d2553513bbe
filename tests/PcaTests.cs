using Autoencoders.Data;
using Autoencoders.Evaluation;
using Autoencoders.Models;
using Autoencoders.Training;
using static TorchSharp.torch;

namespace Autoencoders.Tests;

public class PcaTests
{
    [Fact]
    public void Data_of_rank_k_is_reconstructed_exactly_by_k_components()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(1);
        var data = randn([50, 3], generator: generator).matmul(randn([3, 8], generator: generator)) + 2.0;
        using var pca = Pca.Fit(data, 3);

        var error = (pca.Reconstruct(data) - data).abs().max().item<float>();

        // The codes pass through float32: values up to 6.4 come back within a float32 ulp or two (4.8e-7 at this size).
        Assert.True(error < 1e-5, $"max reconstruction error {error}");
    }

    [Fact]
    public void Components_are_orthonormal_and_codes_have_the_requested_width()
    {
        using var scope = NewDisposeScope();
        using var data = SyntheticData.LowRank(100, 12, rank: 4, seed: 2);
        using var pca = Pca.Fit(data, 4);

        var gram = pca.Axes.matmul(pca.Axes.t());

        Assert.True(gram.allclose(eye(4, dtype: ScalarType.Float64), atol: 1e-10));
        Assert.Equal([100L, 4L], pca.Transform(data).shape);
    }

    [Fact]
    public void Asking_for_more_components_than_exist_is_refused()
    {
        using var data = rand(5, 10);

        Assert.Throws<ArgumentOutOfRangeException>(() => Pca.Fit(data, 6));
    }

    [Fact]
    public void A_linear_autoencoder_reaches_PCAs_reconstruction_error_within_5_percent()
    {
        using var scope = NewDisposeScope();
        using var data = SyntheticData.LowRank(samples: 512, features: 20, rank: 6, seed: 3, noise: 0.05);
        using var pca = Pca.Fit(data, 3);
        var pcaError = nn.functional.mse_loss(pca.Reconstruct(data), data).item<float>();

        using var model = ModelFactory.Create(new ModelOptions(ModelKind.Linear, LatentSize: 3), [20], seed: 3);
        using (var trainer = new Trainer(model, new TrainingOptions(Epochs: 400, BatchSize: 512, LearningRate: 2e-2, Seed: 3)))
        {
            trainer.Fit(data);
        }

        using var noGrad = no_grad();
        var autoencoderError = nn.functional.mse_loss(model.forward(data), data).item<float>();

        // PCA is the optimal rank-3 linear map, so the autoencoder can approach it but never beat it: only by the
        // rounding of the two float32 means over 10,240 values (~1e-6 relative). Measured: 3.1% above.
        Assert.InRange(autoencoderError, pcaError * (1 - 1e-5), pcaError * 1.05);
    }
}
