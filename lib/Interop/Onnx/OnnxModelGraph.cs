using Autoencoders.Data;
using Autoencoders.Models;
using Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Autoencoders.Interop.Onnx;

/// <summary>
/// Writes a model's evaluation-mode pass as ONNX nodes, float32: its code (a VAE's mean) and the code's decoding. The
/// layers are read from the model's own modules, so the graph is the network TorchSharp runs: linear layers become
/// Gemm, convolutions Conv and ConvTranspose with the same strides and padding, crops Slice, dropout nothing.
/// </summary>
internal static class OnnxModelGraph
{
    /// <summary>Adds the encoder and decoder; returns the names of the code <c>(n, latent)</c> and the reconstruction (the input's shape).</summary>
    /// <exception cref="DataInputException">A layer the export does not know (a model changed without the exporter).</exception>
    public static (string Code, string Reconstruction) Add(OnnxGraph graph, Autoencoder model, string input)
    {
        using var scope = NewDisposeScope();
        switch (model)
        {
            case DenseAutoencoder dense:
            {
                var (encoder, decoder) = dense.Stages;
                var code = Layers(graph, encoder, graph.Node("Flatten", [input], OnnxGraph.Attribute("axis", 1)), convolutionStride: 0);
                return (code, Unflatten(graph, model, Layers(graph, decoder, code, convolutionStride: 0)));
            }

            case VariationalAutoencoder vae:
            {
                var (body, mean, decoder) = vae.Stages;
                var hidden = Layers(graph, body, graph.Node("Flatten", [input], OnnxGraph.Attribute("axis", 1)), convolutionStride: 0);
                var code = Layers(graph, mean, hidden, convolutionStride: 0);
                return (code, Unflatten(graph, model, Layers(graph, decoder, code, convolutionStride: 0)));
            }

            case ConvAutoencoder conv:
            {
                var sequence = model.Options.Kind == ModelKind.Sequence;
                var (encoder, toCode, fromCode, decoder) = conv.Stages;
                // Windows come as (n, length, channels); the convolutions take channels first, as in TorchSharp.
                var channelsFirst = sequence ? graph.Node("Transpose", [input], OnnxGraph.Attribute("perm", [0L, 2, 1])) : input;
                var features = Layers(graph, encoder, channelsFirst, convolutionStride: 2);
                var code = Layers(graph, toCode, graph.Node("Flatten", [features], OnnxGraph.Attribute("axis", 1)), convolutionStride: 0);
                var bottleneck = graph.Node("Reshape", [Layers(graph, fromCode, code, convolutionStride: 0), graph.Longs([-1L, .. conv.BottleneckShape])]);
                // The decoder's only stride-1 convolution is keras-io's last layer, from the first stage's channels to the input's.
                var output = Layers(graph, decoder, bottleneck, convolutionStride: 1);
                return (code, sequence ? graph.Node("Transpose", [output], OnnxGraph.Attribute("perm", [0L, 2, 1])) : output);
            }

            default:
                throw new DataInputException($"the ONNX export does not know the model class {model.GetType().Name}: it can export {string.Join(", ", Enum.GetNames<ModelKind>()).ToLowerInvariant()} models.");
        }
    }

    private static string Unflatten(OnnxGraph graph, Autoencoder model, string flat) =>
        graph.Node("Reshape", [flat, graph.Longs([-1L, .. model.InputShape])]);

    private static string Layers(OnnxGraph graph, nn.Module<Tensor, Tensor> module, string input, long convolutionStride)
    {
        switch (module)
        {
            case Sequential sequential:
                var value = input;
                foreach (var child in sequential.children())
                {
                    value = Layers(graph, (nn.Module<Tensor, Tensor>)child, value, convolutionStride);
                }

                return value;
            case Linear linear:
                return graph.Node("Gemm", [input, Weights(graph, linear.weight!), Weights(graph, linear.bias!)], OnnxGraph.Attribute("transB", 1));
            case ReLU:
                return graph.Node("Relu", [input]);
            case Sigmoid:
                return graph.Node("Sigmoid", [input]);
            case Identity or SeededDropout:
                // Evaluation mode: dropout passes its input through, as TorchSharp's inference does.
                return input;
            case Conv1d or Conv2d:
                return Convolution(graph, "Conv", module, input, convolutionStride, outputPadding: 0);
            case ConvTranspose1d or ConvTranspose2d:
                // Always stride 2 with output padding 1 (ConvAutoencoder.TransposedConvolution); the crop after it trims odd sizes.
                return Convolution(graph, "ConvTranspose", module, input, stride: 2, outputPadding: 1);
            case ConvAutoencoder.Crop crop:
                var axes = Enumerable.Range(0, crop.Sizes.Count).Select(i => (long)(i - crop.Sizes.Count)).ToArray();
                return graph.Node("Slice", [input, graph.Longs(new long[crop.Sizes.Count]), graph.Longs([.. crop.Sizes]), graph.Longs(axes)]);
            default:
                throw new DataInputException($"the ONNX export does not know the layer {module.GetType().Name}: add it to {nameof(OnnxModelGraph)}.");
        }
    }

    private static string Convolution(OnnxGraph graph, string op, nn.Module<Tensor, Tensor> module, string input, long stride, long outputPadding)
    {
        var parameters = module.named_parameters().ToDictionary(pair => pair.name, pair => pair.parameter);
        var weight = parameters["weight"];
        var kernel = weight.shape.Skip(2).ToArray();
        var spatial = kernel.Length;
        // "Same" padding, k / 2 on each side (ConvAutoencoder.Convolution).
        List<AttributeProto> attributes =
        [
            OnnxGraph.Attribute("kernel_shape", kernel),
            OnnxGraph.Attribute("strides", Enumerable.Repeat(stride, spatial)),
            OnnxGraph.Attribute("pads", kernel.Concat(kernel).Select(size => size / 2)),
        ];
        if (outputPadding > 0)
        {
            attributes.Add(OnnxGraph.Attribute("output_padding", Enumerable.Repeat(outputPadding, spatial)));
        }

        return graph.Node(op, [input, Weights(graph, weight), Weights(graph, parameters["bias"])], [.. attributes]);
    }

    private static string Weights(OnnxGraph graph, Tensor weights)
    {
        using var values = weights.detach().cpu().to_type(ScalarType.Float32).contiguous();
        return graph.Floats(values.data<float>().ToArray(), values.shape);
    }
}
