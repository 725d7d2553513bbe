using Autoencoders.Checkpoints;
using Autoencoders.Models;
using Autoencoders.Training;

namespace Autoencoders.Tests.Interop;

/// <summary>Every model kind, and the options that change a model's layers (dropout, kernel, conv code, odd sizes, output).</summary>
internal static class InteropCases
{
    public static readonly IReadOnlyDictionary<string, (ModelOptions Options, long[] Shape)> All = new Dictionary<string, (ModelOptions, long[])>
    {
        ["dense"] = (new ModelOptions(ModelKind.Dense, 3), [1, 6, 6]),
        ["deep"] = (new ModelOptions(ModelKind.Deep, 3, HiddenSizes: [12, 8]), [20]),
        ["conv"] = (new ModelOptions(ModelKind.Conv, 3), [1, 9, 7]),
        ["conv-code-dropout-kernel-5"] = (new ModelOptions(ModelKind.Conv, 3, Channels: [4, 6], KernelSize: 5, Dropout: 0.2, DenseCode: false), [2, 8, 7]),
        ["linear"] = (new ModelOptions(ModelKind.Linear, 3), [20]),
        ["sparse"] = (new ModelOptions(ModelKind.Sparse, 3, Output: OutputActivation.Identity), [20]),
        ["denoising"] = (new ModelOptions(ModelKind.Denoising, 3), [2, 8, 8]),
        ["vae"] = (new ModelOptions(ModelKind.Vae, 3, HiddenSizes: [10]), [1, 6, 6]),
        ["vae-no-hidden"] = (new ModelOptions(ModelKind.Vae, 3, HiddenSizes: []), [12]),
        ["sequence"] = (new ModelOptions(ModelKind.Sequence, 3, Dropout: 0.1), [13, 3]),
        ["sequence-code"] = (new ModelOptions(ModelKind.Sequence, 3, Channels: [5, 4], KernelSize: 7, Dropout: 0.2, DenseCode: false), [12, 2]),
    };

    public static TheoryData<string> Names => [.. All.Keys];

    public static Autoencoder Create(string name, long seed) => ModelFactory.Create(All[name].Options, All[name].Shape, seed);

    /// <summary>Saves <paramref name="model"/> as an (untrained) checkpoint folder, as <c>train</c> would.</summary>
    public static void SaveCheckpoint(Autoencoder model, string folder) =>
        Checkpoint.Save(folder, model, new CheckpointContent(null, new TrainingOptions(), new TrainingSelection(), TrainingHistory.Empty));
}
