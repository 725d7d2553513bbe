using static TorchSharp.torch;

namespace Autoencoders.Plots;

/// <summary>Turns a batch of images held in a tensor into plain arrays for the image charts.</summary>
public static class ImageTensors
{
    /// <summary>
    /// Copies a batch to one flat float array per image. Shapes: (n, 1, h, w) or (n, h, w) give h × w images;
    /// (n, features) gives square images when features is a square number, otherwise 1 × features strips.
    /// </summary>
    /// <returns>The images with their height and width.</returns>
    public static (float[][] Images, int Height, int Width) ToImages(Tensor batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        var shape = batch.shape;
        if (shape.Length < 2)
        {
            throw new ArgumentException($"expected a batch shaped (n, ...), got ({string.Join(", ", shape)})", nameof(batch));
        }

        int height, width;
        if (shape.Length >= 3)
        {
            (height, width) = ((int)shape[^2], (int)shape[^1]);
            var channels = shape.Skip(1).Take(shape.Length - 3).Aggregate(1L, (product, size) => product * size);
            if (channels != 1)
            {
                throw new ArgumentException($"expected one channel, got shape ({string.Join(", ", shape)})", nameof(batch));
            }
        }
        else
        {
            var features = (int)shape[1];
            var side = (int)Math.Round(Math.Sqrt(features));
            (height, width) = side * side == features ? (side, side) : (1, features);
        }

        var flat = batch.detach().cpu().to_type(ScalarType.Float32).reshape(shape[0], height * width);
        var values = flat.data<float>().ToArray();
        var images = new float[shape[0]][];
        for (var i = 0; i < images.Length; i++)
        {
            images[i] = values.AsSpan(i * height * width, height * width).ToArray();
        }

        return (images, height, width);
    }
}
