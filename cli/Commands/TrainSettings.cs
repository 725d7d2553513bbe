using System.ComponentModel;
using System.Globalization;
using Autoencoders.Data;
using Autoencoders.Data.Preprocessing;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Models;
using Autoencoders.Training;
using Autoencoders.Pipeline;
using Autoencoders.Pipeline.Verbs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>Options of the train verb.</summary>
internal sealed class TrainSettings : DataSettings
{
    [CommandOption("--dataset <NAME>")]
    [Description("digits (embedded), fashion-mnist, mnist, a folder of IDX files, or a .csv file.")]
    [DefaultValue(Datasets.Digits)]
    public string? Dataset { get; init; } = Datasets.Digits;

    [CommandOption("--model <KIND>")]
    [Description("dense, deep, conv, linear, sparse, denoising, vae or sequence.")]
    [DefaultValue("dense")]
    public string Model { get; init; } = "dense";

    [CommandOption("--latent <N>")]
    [Description("Size of the code (latent space).")]
    [DefaultValue(32)]
    public int Latent { get; init; } = 32;

    [CommandOption("--hidden <SIZES>")]
    [Description("Dense hidden layer sizes, outermost first, e.g. 128,64 (default: the model's own).")]
    public string? Hidden { get; init; }

    [CommandOption("--kernel-size <N>")]
    [Description("Convolution kernel size (conv, denoising, sequence), odd.")]
    [DefaultValue(3)]
    public int KernelSize { get; init; } = 3;

    [CommandOption("--dropout <P>")]
    [Description("Dropout probability between convolution stages (conv, denoising, sequence).")]
    [DefaultValue(0.0)]
    public double Dropout { get; init; }

    [CommandOption("--conv-code")]
    [Description("Conv, denoising, sequence: no dense code layer; the last convolution's feature map is the code (keras-io's time-series model) and --latent is not used.")]
    public bool ConvCode { get; init; }

    [CommandOption("--epochs <N>")]
    [Description("Total epochs (a resumed run continues up to this number).")]
    [DefaultValue(20)]
    public int Epochs { get; init; } = 20;

    [CommandOption("--batch-size <N>")]
    [Description("Samples per optimiser step.")]
    [DefaultValue(64)]
    public int BatchSize { get; init; } = 64;

    [CommandOption("--lr <RATE>")]
    [Description("Adam's learning rate.")]
    [DefaultValue(1e-3)]
    public double LearningRate { get; init; } = 1e-3;

    [CommandOption("--loss <LOSS>")]
    [Description("Reconstruction loss: mse, mae or bce.")]
    [DefaultValue("mse")]
    public string Loss { get; init; } = "mse";

    [CommandOption("--seed <N>")]
    [Description("Seeds weights, shuffling, noise and the validation split: the same seed gives the same run.")]
    [DefaultValue(42L)]
    public long Seed { get; init; } = 42;

    [CommandOption("--noise <FACTOR>")]
    [Description("Denoising: train on clip(x + FACTOR·N(0,1)) to reconstruct x (default: 0.5 for --model denoising, else 0).")]
    public double? Noise { get; init; }

    [CommandOption("--patience <N>")]
    [Description("Stop after N epochs without a better validation loss (0: never stop early). The best weights are kept either way.")]
    [DefaultValue(5)]
    public int Patience { get; init; } = 5;

    [CommandOption("--validation <FRACTION>")]
    [Description("Share of the training samples held out to validate every epoch.")]
    [DefaultValue(0.1)]
    public double Validation { get; init; } = 0.1;

    [CommandOption("--beta <B>")]
    [Description("Weight of the VAE's KL term.")]
    [DefaultValue(1.0)]
    public double Beta { get; init; } = 1.0;

    [CommandOption("--sparsity <WEIGHT>")]
    [Description("Weight of the sparse model's L1 activity penalty.")]
    [DefaultValue(1e-4)]
    public double Sparsity { get; init; } = 1e-4;

    [CommandOption("--clip-norm <NORM>")]
    [Description("Clip the gradient norm to NORM (default: no clipping).")]
    public double? ClipNorm { get; init; }

    [CommandOption("--reduce-lr")]
    [Description("Halve the learning rate after 2 epochs without a better validation loss.")]
    public bool ReduceLearningRate { get; init; }

    [CommandOption("--exclude-class <LABEL>")]
    [Description("Train without the samples of this class (to detect it later as the anomaly: evaluate --anomaly-class).")]
    public long? ExcludeClass { get; init; }

    [CommandOption("--normal-class <LABEL>")]
    [Description("Train on this class only, the one-class protocol: every other class is an anomaly to the detector (no validation split unless --validation is given).")]
    public long? NormalClass { get; init; }

    [CommandOption("--score <KIND>")]
    [Description("The anomaly score the detector is fitted with: mse, mse+centre, centre+knn (tables), blurred-mse, ssim, ssim+latent (images of 11×11 pixels or more). Default: ssim+latent for images, mse+centre for tables, mse for --window.")]
    public string? Score { get; init; }

    [CommandOption("--contamination <SHARE>")]
    [Description("The share of anomalies assumed among the training samples, in (0, 0.5]], as PyOD's contamination: the top share of the training scores is flagged, and that threshold is the default (default: none; the threshold is mean+3σ, or max for --window).")]
    public double? Contamination { get; init; }

    [CommandOption("--resume <DIR>")]
    [Description("Continue the run saved in DIR (its model and settings) up to --epochs.")]
    public string? Resume { get; init; }

    [CommandOption("--init-from <FILE>")]
    [Description("Start from weights trained in PyTorch (a .safetensors or torch.save file of a module built as in docs/pytorch.md for the same options) instead of random ones.")]
    public string? InitFrom { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Where the checkpoint (model.bin, optimizer.bin, checkpoint.json) and history.json go.")]
    [DefaultValue("out/train")]
    public string Out { get; init; } = "out/train";

    /// <summary>The model these options build; ModelKind and loss must have passed <see cref="Validate"/>.</summary>
    public ModelOptions ModelOptions
    {
        get
        {
            // The output activation is left to the training data: sigmoid for values in [0, 1], identity otherwise.
            var kind = Enum.Parse<ModelKind>(Model, ignoreCase: true);
            return new ModelOptions(kind, Latent, HiddenSizes, SparsityWeight: Sparsity, Beta: Beta, KernelSize: KernelSize, Dropout: Dropout, DenseCode: !ConvCode);
        }
    }

    /// <summary>How these options train.</summary>
    public TrainingOptions TrainingOptions => new(
        Epochs, BatchSize, LearningRate, Seed, Enum.Parse<ReconstructionLoss>(Loss, ignoreCase: true), Noise,
        // Without early stopping the patience is unreachable, but the best weights are still tracked and kept.
        new EarlyStopping(Patience: Patience > 0 ? Patience : int.MaxValue, RestoreBestWeights: true),
        ReduceLearningRate ? new ReduceOnPlateau() : null,
        ClipNorm,
        Device);

    /// <summary>Which training samples these options use.</summary>
    public TrainingSelection Selection => new(Validation, ExcludeClass, NormalClass);

    /// <summary>The score and threshold these options ask for, on top of <paramref name="defaults"/>.</summary>
    public DetectorOptions DetectorFor(DetectorOptions defaults) => defaults with
    {
        Score = Score is null ? defaults.Score : FittedScore.Parse(Score) ?? Score,
        Contamination = Contamination ?? defaults.Contamination,
    };

    /// <summary>The whole request for <see cref="Workflows.Train"/>, with the generic defaults for every option left out.</summary>
    public TrainRequest Request => new(Dataset ?? Datasets.Digits, LoadOptions, ModelOptions, TrainingOptions, Selection, Out, InitFrom);

    /// <summary>
    /// The request with the defaults of the data's kind (<paramref name="defaults"/>) for the options not on the command line
    /// (<paramref name="given"/>): without --model the whole preset (model, training, validation), each setting still
    /// changed by its own option; with --model the generic defaults, as before kinds had presets. The score and
    /// threshold always follow the kind unless --score or --contamination say otherwise.
    /// </summary>
    public TrainRequest RequestFor(DataKindDefaults defaults, IReadOnlyCollection<string> given, long selectedSamples)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(given);
        var request = Request with { Detector = DetectorFor(defaults.Detector) };
        if (given.Contains("--model"))
        {
            return request with { Selection = NormalClass is not null && !given.Contains("--validation") ? Selection with { ValidationFraction = 0 } : Selection };
        }

        var model = defaults.Model with
        {
            LatentSize = given.Contains("--latent") ? Latent : defaults.Model.LatentSize,
            HiddenSizes = given.Contains("--hidden") ? HiddenSizes : defaults.Model.HiddenSizes,
            KernelSize = given.Contains("--kernel-size") ? KernelSize : defaults.Model.KernelSize,
            Dropout = given.Contains("--dropout") ? Dropout : defaults.Model.Dropout,
            DenseCode = given.Contains("--conv-code") ? !ConvCode : defaults.Model.DenseCode,
        };
        var batch = given.Contains("--batch-size") ? BatchSize : defaults.Training.BatchSize;
        var validation = given.Contains("--validation") ? Validation : NormalClass is not null ? 0 : defaults.ValidationFraction;
        var kept = selectedSamples - (validation > 0 ? DataSplit.HeldOutCount(selectedSamples, validation) : 0);
        var training = TrainingOptions with
        {
            Epochs = given.Contains("--epochs") ? Epochs : defaults.EpochsFor(kept, batch),
            BatchSize = batch,
            LearningRate = given.Contains("--lr") ? LearningRate : defaults.Training.LearningRate,
            EarlyStopping = given.Contains("--patience") || (validation > 0 && defaults.Training.EarlyStopping is null && defaults.Kind != DataFormat.Images)
                ? TrainingOptions.EarlyStopping : defaults.Training.EarlyStopping,
        };
        return request with { Model = model, Training = training, Selection = Selection with { ValidationFraction = validation } };
    }

    private IReadOnlyList<int>? HiddenSizes => Hidden?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(size => int.Parse(size, CultureInfo.InvariantCulture)).ToList();

    public override ValidationResult Validate()
    {
        if (!Enum.TryParse<ModelKind>(Model, ignoreCase: true, out var kind) || int.TryParse(Model, out _))
        {
            return ValidationResult.Error($"--model '{Model}' is not a model; use dense, deep, conv, linear, sparse, denoising, vae or sequence.");
        }

        if (!Enum.TryParse<ReconstructionLoss>(Loss, ignoreCase: true, out var loss) || int.TryParse(Loss, out _))
        {
            return ValidationResult.Error($"--loss '{Loss}' is not a loss; use mse, mae or bce.");
        }

        if (loss == ReconstructionLoss.Bce && kind == ModelKind.Linear)
        {
            return ValidationResult.Error("--loss bce needs outputs between 0 and 1, which the linear model does not give: use --loss mse.");
        }

        if (Hidden is not null && Hidden.Split(',', StringSplitOptions.TrimEntries).Any(size => !int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1))
        {
            return ValidationResult.Error($"--hidden '{Hidden}' must be positive whole numbers separated by commas, e.g. 128,64.");
        }

        if (kind is not (ModelKind.Conv or ModelKind.Denoising or ModelKind.Sequence) && (KernelSize != 3 || Dropout != 0 || ConvCode))
        {
            return ValidationResult.Error($"--kernel-size, --dropout and --conv-code apply to the conv, denoising and sequence models, not to --model {Model}.");
        }

        if (Score is not null && FittedScore.Parse(Score) is null)
        {
            return ValidationResult.Error($"--score '{Score}' is not a score; use {string.Join(", ", FittedScore.Kinds)}.");
        }

        if (Contamination is { } share && !(share > 0 && share <= 0.5))
        {
            return ValidationResult.Error($"--contamination must be a share in (0, 0.5], e.g. 0.05 for 5 % (got {share.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (NormalClass is not null && ExcludeClass is not null)
        {
            return ValidationResult.Error("--normal-class and --exclude-class cannot be given together: train on one class, or without one.");
        }

        if (Patience < 0)
        {
            return ValidationResult.Error($"--patience must be 0 or more (got {Patience}).");
        }

        return base.Validate() is { Successful: false } dataProblem ? dataProblem
            : OptionErrors.Check(() => ModelOptions.Validate(), () => TrainingOptions.Validate(), () => Selection.Validate());
    }
}
