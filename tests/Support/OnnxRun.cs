using Autoencoders.Interop.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Tensor = TorchSharp.torch.Tensor;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Support;

/// <summary>What an exported detector gave for one batch in ONNX Runtime.</summary>
internal sealed record OnnxOutputs(float[] Code, float[] Reconstruction, double[] Score, bool[] Anomaly)
{
    /// <summary>Runs the ONNX model <paramref name="model"/> (file bytes) on <paramref name="input"/> (float32, any shape).</summary>
    public static OnnxOutputs Run(byte[] model, Tensor input)
    {
        using var scope = NewDisposeScope();
        var values = input.to_type(ScalarType.Float32).contiguous();
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        var tensor = new DenseTensor<float>(values.data<float>().ToArray(), [.. values.shape.Select(size => (int)size)]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(OnnxExport.InputName, tensor)]);
        T[] Output<T>(string name) => [.. results.Single(result => result.Name == name).AsEnumerable<T>()];
        return new OnnxOutputs(Output<float>(OnnxExport.CodeName), Output<float>(OnnxExport.ReconstructionName),
            Output<double>(OnnxExport.ScoreName), Output<bool>(OnnxExport.AnomalyName));
    }

    /// <summary>
    /// Passes when every value is within <paramref name="tolerance"/> times the largest magnitude of <paramref name="expected"/>:
    /// relative to the tensor's scale, since a single value near 0 has no meaningful relative error.
    /// </summary>
    public static void AssertCloseToScale(Tensor expected, float[] actual, double tolerance, string what)
    {
        using var scope = NewDisposeScope();
        var values = expected.to_type(ScalarType.Float64).contiguous().flatten().data<double>().ToArray();
        Assert.Equal(values.Length, actual.Length);
        var scale = values.Max(Math.Abs);
        var worst = values.Select((value, i) => Math.Abs(value - actual[i])).Max();
        Assert.True(worst <= tolerance * scale, $"{what}: largest difference {worst:G3} against a scale of {scale:G3} (allowed {tolerance:G3} of it)");
    }
}
