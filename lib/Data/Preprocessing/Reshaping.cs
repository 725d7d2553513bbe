using static TorchSharp.torch;

namespace Autoencoders.Data.Preprocessing;

/// <summary>Moves image batches between the layout of convolutional and of dense models.</summary>
public static class Reshaping
{
    /// <summary><c>(N, C, H, W)</c> (or any <c>(N, ...)</c>) to <c>(N, C*H*W)</c>, e.g. <c>(N, 1, 28, 28)</c> to <c>(N, 784)</c>.</summary>
    /// <param name="images">Samples along the first dimension.</param>
    public static Tensor Flatten(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() < 2)
        {
            throw new ArgumentException($"expected samples of shape (N, ...), got [{string.Join(", ", images.shape)}]", nameof(images));
        }

        return images.reshape(images.shape[0], -1);
    }

    /// <summary><c>(N, H*W)</c> to one-channel images <c>(N, 1, H, W)</c>, e.g. <c>(N, 784)</c> to <c>(N, 1, 28, 28)</c>.</summary>
    /// <param name="rows">Flattened images.</param>
    /// <param name="height">Image height.</param>
    /// <param name="width">Image width.</param>
    public static Tensor ToImages(Tensor rows, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (rows.dim() != 2 || rows.shape[1] != (long)height * width)
        {
            throw new ArgumentException(
                $"expected rows of shape (N, {(long)height * width}) for {height}x{width} images, got [{string.Join(", ", rows.shape)}]",
                nameof(rows));
        }

        return rows.reshape(rows.shape[0], 1, height, width);
    }
}
