using System.Globalization;
using Autoencoders.Data;

namespace Autoencoders.Models;

/// <summary>
/// What a model built from options and an input shape will hold, worked out from the numbers alone, before libtorch
/// allocates anything: a latent size of 10⁹ read from an edited checkpoint.json, or <c>--kernel-size 1000001</c>, is
/// refused in one line instead of failing inside libtorch's allocator (or the operating system's OOM killer).
/// Counted in doubles, so no size overflows on the way.
/// </summary>
/// <param name="Parameters">Weights and biases.</param>
/// <param name="ActivationsPerSample">Values one sample's forward pass keeps for the backward pass (each layer's output, roughly).</param>
public sealed record ModelSize(double Parameters, double ActivationsPerSample)
{
    /// <summary>Bytes a parameter costs in training: the float32 weight, its gradient and Adam's two moments.</summary>
    public const int TrainingBytesPerParameter = 16;

    /// <summary>The largest sample a model takes, in values: the dense layers index it with 32-bit integers.</summary>
    public const long MaximumInputValues = int.MaxValue;

    /// <summary>Counts what a model of <paramref name="options"/> for samples of <paramref name="inputShape"/> holds.</summary>
    public static ModelSize Of(ModelOptions options, IReadOnlyList<long> inputShape)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inputShape);
        var input = inputShape.Aggregate(1.0, (product, size) => product * size);
        return options.Kind switch
        {
            ModelKind.Conv or ModelKind.Denoising or ModelKind.Sequence => Convolutional(options, inputShape, input),
            ModelKind.Vae => Dense([input, .. options.EffectiveHiddenSizes.Select(size => (double)size)], options.LatentSize, extraHead: true),
            _ => Dense([input, .. options.EffectiveHiddenSizes.Select(size => (double)size)], options.LatentSize, extraHead: false),
        };
    }

    /// <summary>
    /// Throws a one-line <see cref="DataInputException"/> naming the value, the limit and why, when a model of
    /// <paramref name="options"/> for samples of <paramref name="inputShape"/> cannot be built on this machine.
    /// </summary>
    /// <param name="options">The model's options.</param>
    /// <param name="inputShape">Shape of one sample.</param>
    /// <param name="memoryBytes">The memory to fit in; null takes what this process may use (<see cref="AvailableMemoryBytes"/>).</param>
    public static void Require(ModelOptions options, IReadOnlyList<long> inputShape, long? memoryBytes = null)
    {
        if (Problem(options, inputShape, memoryBytes) is { } problem)
        {
            throw new DataInputException($"{problem}: choose smaller sizes (latent, hidden, channels, kernel) or smaller samples.");
        }
    }

    /// <summary>What is wrong with building this model here, in one sentence without advice; null when it fits.</summary>
    /// <inheritdoc cref="Require" path="/param"/>
    public static string? Problem(ModelOptions options, IReadOnlyList<long> inputShape, long? memoryBytes = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(inputShape);
        var input = inputShape.Aggregate(1.0, (product, size) => product * size);
        if (input > MaximumInputValues)
        {
            return Invariant($"input shape [{string.Join(", ", inputShape)}] has {input:N0} values per sample, more than the {MaximumInputValues:N0} a model can take");
        }

        if (options.Kind is ModelKind.Conv or ModelKind.Denoising or ModelKind.Sequence && inputShape.Count >= 2)
        {
            // "Same" padding is kernel / 2 on each side: a kernel wider than that plus the input sees nothing but padding.
            var smallest = options.Kind == ModelKind.Sequence ? inputShape[0] : Math.Min(inputShape[^1], inputShape[^2]);
            var widest = (2 * smallest) + 1;
            if (options.KernelSize > widest)
            {
                return Invariant($"kernel size {options.KernelSize:N0} is wider than the input ({smallest:N0} long, {widest:N0} with its padding), so it would see only padding; at most {widest:N0} is useful (3 to 7 is usual)");
            }
        }

        var size = Of(options, inputShape);
        var memory = (double)(memoryBytes ?? AvailableMemoryBytes);
        var training = size.Parameters * TrainingBytesPerParameter;
        if (training > memory)
        {
            return Invariant(
                $"the {options.Kind.ToString().ToLowerInvariant()} model ({Sizes(options)}) for input [{string.Join(", ", inputShape)}] would have {size.Parameters:N0} parameters ({Gigabytes(training)} to train), more than the {Gigabytes(memory)} of memory here");
        }

        var activations = size.ActivationsPerSample * sizeof(float);
        return activations > memory
            ? Invariant($"the {options.Kind.ToString().ToLowerInvariant()} model for input [{string.Join(", ", inputShape)}] would keep {Gigabytes(activations)} of activations for one sample, more than the {Gigabytes(memory)} of memory here")
            : null;
    }

    /// <summary>The memory this process may use: the machine's, or its container's limit when lower.</summary>
    public static long AvailableMemoryBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    private static ModelSize Dense(IReadOnlyList<double> bodyWidths, int latent, bool extraHead)
    {
        // Encoder input → hidden… → latent (twice for the VAE's mean and log-variance), decoder the mirror.
        double parameters = 0;
        double activations = bodyWidths[0];
        List<double> widths = [.. bodyWidths, latent];
        for (var i = 0; i < widths.Count - 1; i++)
        {
            var heads = extraHead && i == widths.Count - 2 ? 2 : 1;
            parameters += 2 * heads * ((widths[i] + 1) * widths[i + 1]); // the decoder's matching layer costs about the same
            activations += 2 * 2 * heads * widths[i + 1]; // each layer's output and its activation, in both halves
        }

        return new ModelSize(parameters, activations);
    }

    private static ModelSize Convolutional(ModelOptions options, IReadOnlyList<long> inputShape, double input)
    {
        var sequence = options.Kind == ModelKind.Sequence;
        var spatial = sequence ? [(double)inputShape[0]] : inputShape.Skip(1).Select(size => (double)size).ToArray();
        double inputChannels = sequence ? inputShape[^1] : inputShape[0];
        var inChannels = inputChannels;
        var kernel = Math.Pow(options.KernelSize, spatial.Length);
        double parameters = 0;
        double activations = input;
        foreach (var channels in options.EffectiveChannels)
        {
            spatial = [.. spatial.Select(size => Math.Ceiling(size / 2))];
            var values = channels * spatial.Aggregate(1.0, (product, size) => product * size);
            parameters += 2 * ((inChannels * channels * kernel) + channels); // the transposed convolution back mirrors it
            activations += 2 * 2 * values;
            inChannels = channels;
        }

        if (options.DenseCode)
        {
            var bottleneck = inChannels * spatial.Aggregate(1.0, (product, size) => product * size);
            parameters += 2 * (bottleneck + 1) * options.LatentSize;
            activations += 2 * (options.LatentSize + bottleneck);
        }
        else
        {
            parameters += (options.EffectiveChannels[0] * inputChannels * kernel) + inputChannels;
        }

        return new ModelSize(parameters, activations);
    }

    private static string Sizes(ModelOptions options) =>
        Invariant($"latent {options.LatentSize:N0}")
        + (options.EffectiveHiddenSizes.Count > 0 ? $", hidden [{string.Join(", ", options.EffectiveHiddenSizes)}]" : "")
        + (options.Kind is ModelKind.Conv or ModelKind.Denoising or ModelKind.Sequence
            ? Invariant($", channels [{string.Join(", ", options.EffectiveChannels)}], kernel {options.KernelSize:N0}")
            : "");

    private static string Gigabytes(double bytes) => Invariant($"{bytes / (1L << 30):#,0.#} GB");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
