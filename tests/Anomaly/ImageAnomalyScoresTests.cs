using Autoencoders.Evaluation;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Models;
using Autoencoders.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Anomaly;

public sealed class ImageAnomalyScoresTests
{
    [Fact]
    public void Pixel_errors_are_the_squared_differences_shaped_like_the_images()
    {
        using var scope = NewDisposeScope();
        var images = tensor(new float[] { 0, 0, 0, 1, 0.5f, 0.5f, 1, 1 }, [2, 1, 2, 2]);
        var reconstructions = tensor(new float[] { 0.5f, 0, 1, 1, 0.5f, 0, 1, 0.75f }, [2, 1, 2, 2]);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        using var errors = ImageAnomalyScores.PixelErrors(reconstructions, images);

        Assert.Equal(before + 1, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.Equal([2L, 1, 2, 2], errors.shape);
        Assert.Equal([0.25f, 0, 1, 0, 0, 0.25f, 0, 0.0625f], errors.data<float>().ToArray());
        // The mean of an image's pixel errors is its MSE score.
        Assert.Equal(SampleMetrics.Mse(reconstructions, images).data<double>().ToArray(),
            errors.flatten(1).mean([1]).to_type(ScalarType.Float64).data<double>().ToArray());
    }

    [Fact]
    public void A_models_pixel_errors_come_with_its_reconstructions_and_leave_no_tensor_behind()
    {
        using var model = ModelFactory.Create(new ModelOptions(ModelKind.Conv, LatentSize: 3, Channels: [4]), [1, 12, 12], seed: 1);
        using var generator = new Generator(1);
        using var images = rand([5, 1, 12, 12], generator: generator);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        var (reconstructions, errors) = ImageAnomalyScores.PixelErrors(model, images, batchSize: 2);

        Assert.Equal(before + 2, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        using (reconstructions)
        using (errors)
        using (var scope = NewDisposeScope())
        {
            Assert.Equal(images.shape, errors.shape);
            Assert.True(errors.allclose((reconstructions - images).square()));
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void The_blurred_error_of_one_wrong_pixel_spreads_it_over_the_kernel()
    {
        using var scope = NewDisposeScope();
        var images = zeros(1, 1, 9, 9, dtype: ScalarType.Float64);
        var reconstructions = images.clone();
        reconstructions[0, 0, 4, 4] = tensor(1.0);

        var blurred = ImageAnomalyScores.Compute(ImageAnomalyScore.BlurredMse, reconstructions, images).item<double>();

        // A unit error at the centre, blurred, is the kernel itself: the mean over 81 pixels of its squares.
        var kernel = ImageAnomalyScores.BlurKernel();
        Assert.Equal(kernel.square().sum().item<double>() / 81, blurred, 1e-15);
        Assert.Equal(1.0, kernel.sum().item<double>(), 1e-15);
        Assert.True(blurred < 1.0 / 81, "blurring lowers a lone pixel's error");
    }

    [Fact]
    public void A_spread_error_counts_more_after_blurring_than_scattered_pixels_of_the_same_mse()
    {
        using var scope = NewDisposeScope();
        var images = zeros(2, 1, 12, 12);
        var reconstructions = images.clone();
        reconstructions[0, 0, TensorIndex.Slice(4, 8), TensorIndex.Slice(4, 8)] = tensor(1.0f); // a 4×4 blob
        for (var i = 0; i < 16; i++)
        {
            reconstructions[1, 0, (i / 4) * 3, (i % 4) * 3] = tensor(1.0f); // 16 pixels three apart
        }

        var mse = ImageAnomalyScores.Compute(ImageAnomalyScore.Mse, reconstructions, images).data<double>().ToArray();
        var blurred = ImageAnomalyScores.Compute(ImageAnomalyScore.BlurredMse, reconstructions, images).data<double>().ToArray();

        Assert.Equal(mse[0], mse[1]);
        Assert.True(blurred[0] > 2 * blurred[1], $"blob {blurred[0]}, scattered {blurred[1]}");
    }

    [Fact]
    public void The_ssim_score_is_zero_for_a_perfect_reconstruction_and_positive_otherwise()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(2);
        var images = rand([3, 1, 16, 16], generator: generator);

        var perfect = ImageAnomalyScores.Compute(ImageAnomalyScore.Ssim, images, images).data<double>().ToArray();
        var blurred = ImageAnomalyScores.Compute(ImageAnomalyScore.Ssim, images * 0.5 + 0.25, images).data<double>().ToArray();

        Assert.All(perfect, score => Assert.Equal(0.0, score, 1e-12));
        Assert.All(blurred, score => Assert.InRange(score, 0.01, 2.0));
        Assert.Equal((1 - Ssim.PerImage(images * 0.5 + 0.25, images)).data<double>().ToArray(), blurred);
    }

    [Fact]
    public void A_fitted_scorer_gives_every_score_in_one_pass_as_it_would_one_batch_at_a_time_without_leaks()
    {
        using var model = ModelFactory.Create(new ModelOptions(ModelKind.Conv, LatentSize: 3, Channels: [4]), [1, 12, 12], seed: 1);
        using var generator = new Generator(3);
        using var train = rand([6, 1, 12, 12], generator: generator);
        using var images = rand([7, 1, 12, 12], generator: generator);
        ImageAnomalyScore[] kinds = [ImageAnomalyScore.Ssim, ImageAnomalyScore.Mse, ImageAnomalyScore.BlurredMse];
        double[][] expected;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            model.eval();
            var reconstructions = model.forward(images);
            expected = [.. kinds.Select(kind => ImageAnomalyScores.Compute(kind, reconstructions, images).data<double>().ToArray())];
        }

        model.train();
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        double[][] scores;
        using (var scorer = ImageAnomalyScorer.Fit(model, train, kinds, batchSize: 4))
        {
            scores = scorer.Compute(images);
            Assert.Equal(kinds, scorer.Scores);
            Assert.All(scorer.TrainingScores, values => Assert.Equal(6, values.Length));
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.True(model.training, "the model's mode is restored");
        Assert.Equal(3, scores.Length);
        for (var k = 0; k < kinds.Length; k++)
        {
            // Batches of 4 and of 7 take different float32 convolution kernels: outputs move by a few ulps (~1e-7), and
            // each score (errors of 0.05-0.3 here) by well under 1e-5 of itself.
            Assert.All(scores[k].Zip(expected[k]), pair => AssertClose.Relative(pair.Second, pair.First, 1e-5, $"{kinds[k]} score"));
        }
    }

    [Fact]
    public void Ssim_plus_latent_adds_the_standardised_ssim_error_and_nearest_code_distance_leaving_training_images_out()
    {
        using var model = ModelFactory.Create(new ModelOptions(ModelKind.Conv, LatentSize: 2, Channels: [4]), [1, 12, 12], seed: 2);
        using var generator = new Generator(4);
        using var train = rand([5, 1, 12, 12], generator: generator);
        using var images = rand([3, 1, 12, 12], generator: generator);
        using var scorer = ImageAnomalyScorer.Fit(model, train, [ImageAnomalyScore.SsimPlusLatent, ImageAnomalyScore.Ssim]);

        var scores = scorer.Compute(images);

        // The same by hand: codes, SSIM errors, nearest distances (a training image's to the nearest other one).
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        var trainCodes = model.Encode(train).to_type(ScalarType.Float64);
        var codes = model.Encode(images).to_type(ScalarType.Float64);
        var trainSsim = (1 - Ssim.PerImage(model.forward(train), train)).data<double>().ToArray();
        var ssim = (1 - Ssim.PerImage(model.forward(images), images)).data<double>().ToArray();
        var trainDistances = cdist(trainCodes, trainCodes) + eye(5, dtype: ScalarType.Float64) * 1e9;
        var trainLatent = trainDistances.amin([1]).data<double>().ToArray();
        var latent = cdist(codes, trainCodes).amin([1]).data<double>().ToArray();
        static (double Mean, double Sd) Stats(double[] v) => (v.Average(), Math.Sqrt(v.Sum(x => (x - v.Average()) * (x - v.Average())) / (v.Length - 1)));
        var (ssimMean, ssimSd) = Stats(trainSsim);
        var (latentMean, latentSd) = Stats(trainLatent);
        var expected = ssim.Select((value, i) => ((value - ssimMean) / ssimSd) + ((latent[i] - latentMean) / latentSd)).ToArray();
        var expectedTraining = trainSsim.Select((value, i) => ((value - ssimMean) / ssimSd) + ((trainLatent[i] - latentMean) / latentSd)).ToArray();
        // The scorer takes float32 code distances (cdist): ~1e-6 relative each, divided by a spread of the same order.
        Assert.Equal(expected, scores[0], (a, b) => Math.Abs(a - b) < 1e-4);
        Assert.Equal(expectedTraining, scorer.TrainingScores[0], (a, b) => Math.Abs(a - b) < 1e-4);
        Assert.Equal(ssim, scores[1], (a, b) => Math.Abs(a - b) < 1e-6);
        // Standardised on the training images: their combined scores average to 0.
        Assert.Equal(0, scorer.TrainingScores[0].Average(), 1e-9);
    }

    [Fact]
    public void Scores_have_command_line_names_and_refuse_samples_they_cannot_take()
    {
        Assert.Equal(["mse", "blurred-mse", "ssim", "ssim+latent"], Enum.GetValues<ImageAnomalyScore>().Select(ImageAnomalyScores.Name));
        Assert.All(Enum.GetValues<ImageAnomalyScore>(), score => Assert.Equal(score, ImageAnomalyScores.Parse(ImageAnomalyScores.Name(score))));
        Assert.Equal(ImageAnomalyScore.Ssim, ImageAnomalyScores.Parse(" SSIM "));
        Assert.Null(ImageAnomalyScores.Parse("psnr"));
        using var scope = NewDisposeScope();
        var rows = zeros(2, 30);
        var small = zeros(2, 1, 8, 8);

        Assert.Throws<ArgumentException>(() => ImageAnomalyScores.Compute(ImageAnomalyScore.Ssim, small, small));
        var big = zeros(2, 1, 12, 12);
        Assert.Contains("training images", Assert.Throws<ArgumentException>(() => ImageAnomalyScores.Compute(ImageAnomalyScore.SsimPlusLatent, big, big)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ImageAnomalyScores.Compute(ImageAnomalyScore.BlurredMse, rows, rows));
        Assert.Equal(2, ImageAnomalyScores.Compute(ImageAnomalyScore.Mse, rows, rows).shape[0]);
        Assert.Throws<ArgumentException>(() => ImageAnomalyScores.PixelErrors(rows, small));
    }
}
