using Autoencoders.Checkpoints;
using Autoencoders.Data;
using Autoencoders.Models;
using Autoencoders.Pipeline;
using Autoencoders.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests;

/// <summary>The convolutional models' kernel size, dropout and convolutional code (keras-io's time-series model).</summary>
public sealed class ConvolutionOptionsTests : IDisposable
{
    private static readonly ModelOptions KerasIo = new(ModelKind.Sequence, Channels: [32, 16], Output: OutputActivation.Identity,
        KernelSize: 7, Dropout: 0.2, DenseCode: false);

    private readonly string _folder = Directory.CreateTempSubdirectory("convolution-options-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<ModelKind, long[]> Variants => new()
    {
        { ModelKind.Sequence, [13, 3] },
        { ModelKind.Sequence, [288, 1] },
        { ModelKind.Conv, [1, 9, 7] },
    };

    [Fact]
    public void The_sequence_model_with_keras_ios_options_is_keras_ios_model_with_its_9505_parameters()
    {
        using var model = ModelFactory.Create(KerasIo, [288, 1], seed: 0);
        using var scope = NewDisposeScope();
        var windows = randn(4, 288, 1);

        // keras-io's model.summary(): Conv1D 256 + Conv1D 3,600 + Conv1DTranspose 1,808 + 3,616 + 225 = 9,505.
        Assert.Equal(9505L, model.parameters().Sum(p => p.numel()));
        Assert.Equal([256L, 3600L, 1808L, 3616L, 225L],
            model.named_parameters().Where(p => p.name.EndsWith(".weight", StringComparison.Ordinal)).Select(p => p.parameter.numel() + model.named_parameters().Single(b => b.name == p.name[..^6] + "bias").parameter.numel()));
        Assert.Equal(16 * 72, model.LatentSize);
        Assert.Equal([4L, 16L * 72], model.Encode(windows).shape);
        Assert.Equal(windows.shape, model.forward(windows).shape);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Kernels_of_5_dropout_and_a_convolutional_code_keep_the_input_shape_train_and_reload_exactly(ModelKind kind, long[] shape)
    {
        var options = new ModelOptions(kind, LatentSize: 3, Channels: [8, 4], Output: OutputActivation.Identity, KernelSize: 5, Dropout: 0.3, DenseCode: false);
        using var model = ModelFactory.Create(options, shape, seed: 0);
        using var data = Data(shape);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var training = new TrainingOptions(Epochs: 6, BatchSize: 16, LearningRate: 5e-3, Seed: 1);
        TrainingHistory history;
        using (var trainer = new Trainer(model, training))
        {
            history = trainer.Fit(data);
        }

        Assert.True(history.FinalLoss < history.InitialLoss, $"{kind}: loss went from {history.InitialLoss} to {history.FinalLoss}");
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Checkpoint.Save(_folder, model, new CheckpointContent(null, training, new TrainingSelection(), history));
        using var loaded = Checkpoint.Load(_folder);
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Assert.Equal(data.shape, model.forward(data).shape);
        Assert.True(model.forward(data).allclose(loaded.Model.forward(data), rtol: 0, atol: 0), $"{kind}: outputs differ after reload");
    }

    [Fact]
    public void Dropout_masks_come_from_the_training_generator_so_a_seeded_run_repeats_exactly()
    {
        using var first = ModelFactory.Create(KerasIo, [32, 1], seed: 3);
        using var second = ModelFactory.Create(KerasIo, [32, 1], seed: 3);
        using var data = Data([32, 1]);
        var training = new TrainingOptions(Epochs: 3, BatchSize: 16, Seed: 4);
        using var firstTrainer = new Trainer(first, training);
        using var secondTrainer = new Trainer(second, training);

        // Torch's global generator moves in between: the masks must not depend on it.
        var firstHistory = firstTrainer.Fit(data);
        manual_seed(99);
        var secondHistory = secondTrainer.Fit(data);

        Assert.Equal(firstHistory.Epochs.Select(e => e.Loss), secondHistory.Epochs.Select(e => e.Loss));
    }

    [Fact]
    public void Dropout_acts_in_training_passes_only()
    {
        using var model = ModelFactory.Create(KerasIo, [32, 1], seed: 3);
        using var scope = NewDisposeScope();
        var input = randn(8, 32, 1);
        using var one = new Generator(5);
        using var same = new Generator(5);
        using var other = new Generator(6);

        model.train();
        var a = model.ForwardForTraining(input, one).Reconstruction;
        var b = model.ForwardForTraining(input, same).Reconstruction;
        var c = model.ForwardForTraining(input, other).Reconstruction;
        model.eval();
        var evaluation = model.forward(input);

        Assert.True(a.allclose(b, rtol: 0, atol: 0), "the same generator seed gave other masks");
        Assert.False(a.allclose(c), "another generator seed gave the same masks");
        Assert.True(evaluation.allclose(model.forward(input), rtol: 0, atol: 0), "evaluation is not deterministic");
        Assert.False(evaluation.allclose(a), "no dropout in the training pass");
    }

    [Fact]
    public void The_default_sequence_model_keeps_the_layer_names_of_earlier_checkpoints()
    {
        using var model = ModelFactory.Create(new ModelOptions(ModelKind.Sequence, LatentSize: 3, Channels: [8, 4]), [13, 3], seed: 0);

        // The names checkpoints written before kernel sizes, dropout and the convolutional code existed hold.
        Assert.Equal(
            ["_encoder.0.weight", "_encoder.0.bias", "_encoder.2.weight", "_encoder.2.bias", "_toCode.weight", "_toCode.bias",
             "_fromCode.0.weight", "_fromCode.0.bias", "_decoder.0.weight", "_decoder.0.bias", "_decoder.3.weight", "_decoder.3.bias"],
            model.named_parameters().Select(p => p.name));
    }

    [Theory]
    [InlineData(4, 0.0, "KernelSize must be odd")]
    [InlineData(0, 0.0, "KernelSize must be odd")]
    [InlineData(3, 1.0, "Dropout must be at least 0 and below 1")]
    [InlineData(3, -0.1, "Dropout must be at least 0 and below 1")]
    public void Even_kernels_and_dropout_outside_0_to_1_are_refused(int kernel, double dropout, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => new ModelOptions(ModelKind.Sequence, KernelSize: kernel, Dropout: dropout).Validate());

        Assert.StartsWith(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Convolution_options_on_a_dense_model_are_refused_rather_than_ignored()
    {
        var error = Assert.Throws<ArgumentException>(() => new ModelOptions(ModelKind.Dense, DenseCode: false).Validate());
        var (code, _, errors) = CliTests.Run("train", "--model", "deep", "--dropout", "0.2", "--epochs", "1", "--out", Path.Combine(_folder, "m"));

        Assert.Contains("apply to the conv, denoising and sequence models, not to dense", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, code);
        Assert.Contains("--kernel-size, --dropout and --conv-code apply to the conv, denoising and sequence models, not to --model deep", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void An_open_output_activation_is_chosen_from_the_training_data()
    {
        var open = new ModelOptions(ModelKind.Sequence);

        Assert.Equal(OutputActivation.Sigmoid, open.ForData(valuesInUnitRange: true).Output);
        Assert.Equal(OutputActivation.Identity, open.ForData(valuesInUnitRange: false).Output);
        Assert.Equal(OutputActivation.Identity, new ModelOptions(ModelKind.Linear).ForData(valuesInUnitRange: true).Output);
        Assert.Equal(OutputActivation.Sigmoid, (open with { Output = OutputActivation.Sigmoid }).ForData(valuesInUnitRange: false).Output);
        Assert.Equal(OutputActivation.Sigmoid, open.EffectiveOutput);
    }

    [Fact]
    public void A_model_trained_on_z_normalised_windows_gets_an_identity_output_and_bce_is_refused_there()
    {
        using var data = Datasets.Load(Path.Combine(Support.RepositoryPaths.Root, "data", "sensors.csv"),
            new DatasetLoadOptions { Window = 16, Stride = 32, Columns = ["temperature", "pressure"] });
        var training = new TrainingOptions(Epochs: 1, BatchSize: 32);

        using var trained = ModelTraining.Train(data, new ModelOptions(ModelKind.Sequence, LatentSize: 4), training);
        var error = Assert.Throws<DataInputException>(() => ModelTraining.Train(data, new ModelOptions(ModelKind.Sequence, LatentSize: 4), training with { Loss = ReconstructionLoss.Bce }));

        Assert.Equal(OutputActivation.Identity, trained.Model.Options.Output);
        Assert.Contains("bce loss needs data and outputs in [0, 1]", error.Message, StringComparison.Ordinal);
    }

    // Smooth random patterns: learnable, unlike pure noise.
    private static Tensor Data(long[] shape)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(1);
        var features = shape.Aggregate(1L, (a, b) => a * b);
        var factors = randn([48, 2], generator: generator);
        var basis = randn([2, features], generator: generator);
        return factors.matmul(basis).tanh().view([48, .. shape]).MoveToOuterDisposeScope();
    }
}
