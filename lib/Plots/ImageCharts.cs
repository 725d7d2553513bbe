using System.Globalization;
using Plotly.NET;
using static TorchSharp.torch;

namespace Autoencoders.Plots;

/// <summary>Charts made of grayscale images: reconstructions, decoded latent grids, interpolations, prior samples.</summary>
public static class ImageCharts
{
    /// <summary>
    /// Originals in the top row, their reconstructions below (columns match). With <paramref name="noisy"/>, three rows:
    /// noisy input, denoised output (the reconstruction) and the clean original.
    /// </summary>
    /// <param name="originals">Images shaped (n, 1, h, w), (n, h, w) or (n, features); keep n to a dozen or so.</param>
    /// <param name="reconstructions">The model's outputs for <paramref name="originals"/>, same shape.</param>
    /// <param name="noisy">The corrupted inputs of a denoising run, same shape, or null.</param>
    /// <param name="labels">Optional label per image, shown on hover.</param>
    /// <param name="title">Chart title.</param>
    public static GenericChart Reconstructions(Tensor originals, Tensor reconstructions, Tensor? noisy = null, IReadOnlyList<string>? labels = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(originals);
        ArgumentNullException.ThrowIfNull(reconstructions);
        var (clean, height, width) = ImageTensors.ToImages(originals);
        var (decoded, _, _) = ImageTensors.ToImages(reconstructions);
        var (corrupted, _, _) = noisy is null ? ([], 0, 0) : ImageTensors.ToImages(noisy);
        return Reconstructions(clean, decoded, height, width, noisy is null ? null : corrupted, labels, title);
    }

    /// <summary>The same as the tensor overload, for images already flattened to arrays of height × width values.</summary>
    public static GenericChart Reconstructions(IReadOnlyList<float[]> originals, IReadOnlyList<float[]> reconstructions, int height, int width, IReadOnlyList<float[]>? noisy = null, IReadOnlyList<string>? labels = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(originals);
        ArgumentNullException.ThrowIfNull(reconstructions);
        if (reconstructions.Count != originals.Count || (noisy is not null && noisy.Count != originals.Count))
        {
            throw new ArgumentException($"every row needs the same number of images: {originals.Count} originals, {reconstructions.Count} reconstructions{(noisy is null ? "" : $", {noisy.Count} noisy")}");
        }

        string[] Captions(string row) => [.. Enumerable.Range(0, originals.Count).Select(i => labels is not null && i < labels.Count ? $"{row} {i + 1} (label {labels[i]})" : $"{row} {i + 1}")];
        var rows = noisy is null
            ? new[] { new ImageRow("original", originals, Captions("original")), new ImageRow("reconstruction", reconstructions, Captions("reconstruction")) }
            : [new ImageRow("noisy", noisy, Captions("noisy")), new ImageRow("denoised", reconstructions, Captions("denoised")), new ImageRow("clean", originals, Captions("clean"))];
        return ImageGrid.Create(title ?? (noisy is null ? "Originals and reconstructions" : "Noisy, denoised and clean"), rows, height, width);
    }

    /// <summary>
    /// Images in rows of <paramref name="columns"/>, numbered in order (with their labels on hover when given): a look
    /// at a batch of inputs, with no reconstruction beside them.
    /// </summary>
    /// <param name="images">Images shaped (n, 1, h, w), (n, h, w) or (n, features); n from 1 to <see cref="ImageGrid.MaxImages"/>.</param>
    /// <param name="labels">Optional label per image, shown on hover.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="columns">Images per row.</param>
    public static GenericChart Grid(Tensor images, IReadOnlyList<string>? labels = null, string? title = null, int columns = 8)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        var count = images.shape.Length == 0 ? 0 : images.shape[0];
        if (count is 0 or > ImageGrid.MaxImages)
        {
            throw new ArgumentException($"a grid shows 1 to {ImageGrid.MaxImages} images, got {count}: narrow the batch first", nameof(images));
        }

        var (pixels, height, width) = ImageTensors.ToImages(images);

        var rows = pixels.Chunk(columns).Select((chunk, row) => new ImageRow(
            $"{(row * columns) + 1}–{(row * columns) + chunk.Length}", chunk,
            [.. chunk.Select((_, i) => (row * columns) + i).Select(n => labels is not null && n < labels.Count ? $"image {n + 1} (label {labels[n]})" : $"image {n + 1}")])).ToArray();
        return ImageGrid.Create(title ?? $"{pixels.Length} images", rows, height, width);
    }

    /// <summary>
    /// Decodes a <paramref name="steps"/> × <paramref name="steps"/> grid of codes (the "manifold" of a 2-D latent space):
    /// code = origin + a·directionX + b·directionY for a, b evenly spaced in [-range, range]. Without directions the grid
    /// spans the first two latent dimensions around <paramref name="origin"/> (default zero); with a latent size of 2
    /// that is the whole latent plane.
    /// </summary>
    /// <param name="decode">Maps codes (k, latentSize) to images, for example <c>model.Decode</c>.</param>
    /// <param name="latentSize">The length of a code.</param>
    /// <param name="range">Half-width of the grid, in latent units (a VAE's prior has most mass within ±2.5).</param>
    /// <param name="steps">Grid points per side (2 to 10).</param>
    /// <param name="origin">The grid's centre (latentSize values), or null for zero.</param>
    /// <param name="directionX">The direction along the columns (latentSize values), or null for dimension 0.</param>
    /// <param name="directionY">The direction along the rows (latentSize values), or null for dimension 1.</param>
    public static GenericChart Manifold(Func<Tensor, Tensor> decode, int latentSize, double range = 2.5, int steps = 8, float[]? origin = null, float[]? directionX = null, float[]? directionY = null)
    {
        ArgumentNullException.ThrowIfNull(decode);
        ArgumentOutOfRangeException.ThrowIfLessThan(latentSize, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(steps, 10);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(range);
        var centre = Vector(origin, latentSize, -1, nameof(origin));
        var across = Vector(directionX, latentSize, 0, nameof(directionX));
        var down = Vector(directionY, latentSize, 1, nameof(directionY));
        var offsets = Enumerable.Range(0, steps).Select(i => -range + (2 * range * i / (steps - 1))).ToArray();
        var codes = new float[steps * steps * latentSize];
        for (var row = 0; row < steps; row++)
        {
            for (var column = 0; column < steps; column++)
            {
                for (var d = 0; d < latentSize; d++)
                {
                    // Rows go from +range at the top to -range at the bottom, like a y axis.
                    codes[(((row * steps) + column) * latentSize) + d] = (float)(centre[d] + (offsets[column] * across[d]) + (offsets[steps - 1 - row] * down[d]));
                }
            }
        }

        var (images, height, width) = Decode(decode, codes, steps * steps, latentSize);
        var rows = Enumerable.Range(0, steps).Select(row => new ImageRow(
            Format(offsets[steps - 1 - row]),
            images.Skip(row * steps).Take(steps).ToArray(),
            [.. offsets.Select(x => $"code ({Format(x)}, {Format(offsets[steps - 1 - row])})")])).ToArray();
        return ImageGrid.Create($"Decoded latent grid ({steps}×{steps}, ±{Format(range)})", rows, height, width, cellPixels: 48, columnLabels: [.. offsets.Select(x => Format(x))]);
    }

    /// <summary>
    /// Encodes two samples, decodes <paramref name="steps"/> evenly spaced mixtures (1 − t)·code₁ + t·code₂ for t from 0
    /// to 1, and shows them in one row between the two originals.
    /// </summary>
    /// <param name="encode">Maps inputs (k, ...) to codes (k, latentSize), for example <c>model.Encode</c> (a VAE's mean).</param>
    /// <param name="decode">Maps codes back to images, for example <c>model.Decode</c>.</param>
    /// <param name="first">One sample with a leading batch dimension of 1, shaped like the model's input (for example (1, 1, 28, 28)).</param>
    /// <param name="second">The other sample, same shape.</param>
    /// <param name="steps">Number of mixtures, both ends included (2 to 16).</param>
    public static GenericChart Interpolation(Func<Tensor, Tensor> encode, Func<Tensor, Tensor> decode, Tensor first, Tensor second, int steps = 10)
    {
        ArgumentNullException.ThrowIfNull(encode);
        ArgumentNullException.ThrowIfNull(decode);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(steps, 16);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var pair = cat([AsBatch(first), AsBatch(second)], 0);
        var codes = encode(pair).reshape(2, -1);
        var weights = linspace(0, 1, steps).reshape(steps, 1);
        var mixtures = ((1 - weights) * codes[0]) + (weights * codes[1]);
        var (decoded, height, width) = ImageTensors.ToImages(decode(mixtures));
        var (ends, _, _) = ImageTensors.ToImages(pair.reshape(2, -1));
        var endsShaped = ends.Select(image => image.Length == height * width ? image : throw new ArgumentException("the decoder's images differ in size from the inputs")).ToArray();
        var ts = weights.reshape(steps).data<float>().ToArray();
        var images = new List<float[]> { endsShaped[0] };
        images.AddRange(decoded);
        images.Add(endsShaped[1]);
        var captions = new List<string> { "first sample" };
        captions.AddRange(ts.Select(t => $"t = {Format(t)}"));
        captions.Add("second sample");
        return ImageGrid.Create($"Interpolation in latent space ({steps} steps)", [new ImageRow("first → second", images, captions)], height, width, cellPixels: 60);
    }

    /// <summary>
    /// Decodes <paramref name="count"/> codes drawn from a VAE's prior N(0, I), seeded, in rows of <paramref name="columns"/>.
    /// </summary>
    /// <param name="decode">Maps codes (k, latentSize) to images, for example <c>vae.Decode</c>.</param>
    /// <param name="latentSize">The length of a code.</param>
    /// <param name="count">How many samples (1 to 64).</param>
    /// <param name="seed">Seed of the random codes: the same seed gives the same samples.</param>
    /// <param name="columns">Images per row.</param>
    public static GenericChart PriorSamples(Func<Tensor, Tensor> decode, int latentSize, int count = 32, long seed = 0, int columns = 8)
    {
        ArgumentNullException.ThrowIfNull(decode);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(latentSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 64);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var generator = new Generator((ulong)seed);
        var codes = randn([count, latentSize], generator: generator);
        var (images, height, width) = ImageTensors.ToImages(decode(codes));
        var rows = images.Chunk(columns).Select((chunk, row) => new ImageRow(
            $"{(row * columns) + 1}–{(row * columns) + chunk.Length}", chunk,
            [.. chunk.Select((_, i) => $"sample {(row * columns) + i + 1}")])).ToArray();
        return ImageGrid.Create($"Samples from the prior N(0, I) (seed {seed})", rows, height, width, cellPixels: 48);
    }

    private static (float[][] Images, int Height, int Width) Decode(Func<Tensor, Tensor> decode, float[] codes, int count, int latentSize)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return ImageTensors.ToImages(decode(tensor(codes, [count, latentSize])));
    }

    private static Tensor AsBatch(Tensor sample) => sample.shape.Length >= 2 && sample.shape[0] == 1 ? sample : throw new ArgumentException($"expected one sample with a leading batch dimension of 1, got shape ({string.Join(", ", sample.shape)})");

    private static double[] Vector(float[]? given, int latentSize, int unitDimension, string name)
    {
        if (given is null)
        {
            var unit = new double[latentSize];
            if (unitDimension >= 0)
            {
                unit[unitDimension] = 1;
            }

            return unit;
        }

        return given.Length == latentSize
            ? [.. given.Select(value => (double)value)]
            : throw new ArgumentException($"expected {latentSize} values (the latent size), got {given.Length}", name);
    }

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
