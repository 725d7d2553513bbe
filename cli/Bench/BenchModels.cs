using Autoencoders.Models;
using static TorchSharp.torch;

namespace Autoencoders.Cli.Bench;

/// <summary>The models and settings the training measurements share, so their figures compare.</summary>
internal static class BenchModels
{
    public const long Seed = 42;
    public const int BatchSize = 256;
    public const int EncodeBatchSize = 1024;

    /// <summary>784-32-784, the classic simple autoencoder.</summary>
    public static ModelOptions Dense { get; } = new(ModelKind.Dense, LatentSize: 32);

    /// <summary>Default channels (32-16), latent 32.</summary>
    public static ModelOptions Conv { get; } = new(ModelKind.Conv, LatentSize: 32);

    public static Autoencoder Create(ModelOptions options, Tensor images) => ModelFactory.Create(options, images.shape[1..], Seed);

    public static long ParameterCount(TorchSharp.torch.nn.Module model) => model.parameters().Sum(parameter => parameter.numel());

    /// <summary>The first <paramref name="limit"/> samples (a view; the caller disposes it).</summary>
    public static Tensor Head(Tensor images, long limit) => images.narrow(0, 0, Math.Min(limit, images.shape[0]));
}
