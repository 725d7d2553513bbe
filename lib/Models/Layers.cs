using static TorchSharp.torch;

namespace Autoencoders.Models;

/// <summary>Builds the layer stacks the models share.</summary>
internal static class Layers
{
    /// <summary>
    /// Linear layers through <paramref name="widths"/> (input first, output last) with <paramref name="hidden"/>
    /// after every layer but the last, and <paramref name="last"/> (if any) after the last.
    /// </summary>
    public static nn.Module<Tensor, Tensor> DenseStack(IReadOnlyList<int> widths, Func<nn.Module<Tensor, Tensor>>? hidden, nn.Module<Tensor, Tensor>? last)
    {
        var layers = new List<nn.Module<Tensor, Tensor>>();
        for (var i = 0; i < widths.Count - 1; i++)
        {
            layers.Add(nn.Linear(widths[i], widths[i + 1]));
            if (i < widths.Count - 2 && hidden is not null)
            {
                layers.Add(hidden());
            }
        }

        if (last is not null)
        {
            layers.Add(last);
        }

        return nn.Sequential(layers);
    }

    /// <summary>The decoder's last activation.</summary>
    public static nn.Module<Tensor, Tensor>? OutputLayer(OutputActivation output) =>
        output == OutputActivation.Sigmoid ? nn.Sigmoid() : null;

    /// <summary>The sizes of a dense encoder: input, hidden…, latent.</summary>
    public static List<int> EncoderWidths(long inputSize, IReadOnlyList<int> hidden, int latent) =>
        [checked((int)inputSize), .. hidden, latent];

    /// <summary>The mirror of <see cref="EncoderWidths"/>: latent, hidden reversed…, input.</summary>
    public static List<int> DecoderWidths(long inputSize, IReadOnlyList<int> hidden, int latent) =>
        [latent, .. hidden.Reverse(), checked((int)inputSize)];
}
