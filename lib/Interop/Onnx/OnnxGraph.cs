using Google.Protobuf;
using Onnx;

namespace Autoencoders.Interop.Onnx;

/// <summary>
/// Builds an ONNX graph node by node: each call adds one node (or one constant) with a fresh output name and returns
/// that name, so the exporters read as the computation they write. Constants are initializers stored little-endian.
/// </summary>
internal sealed class OnnxGraph
{
    private int _next;

    /// <summary>The graph being built.</summary>
    public GraphProto Proto { get; } = new() { Name = "autoencoder_detector" };

    /// <summary>Adds a node of <paramref name="op"/> with one output; attributes from <paramref name="attributes"/>.</summary>
    public string Node(string op, IReadOnlyList<string> inputs, params AttributeProto[] attributes) => Nodes(op, inputs, 1, attributes)[0];

    /// <summary>Adds a node of <paramref name="op"/> with <paramref name="outputs"/> outputs.</summary>
    public string[] Nodes(string op, IReadOnlyList<string> inputs, int outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = $"{op}_{_next}" };
        node.Input.AddRange(inputs);
        var names = Enumerable.Range(0, outputs).Select(i => $"{op.ToLowerInvariant()}_{_next}_{i}").ToArray();
        node.Output.AddRange(names);
        node.Attribute.AddRange(attributes);
        _next++;
        Proto.Node.Add(node);
        return names;
    }

    /// <summary>Makes <paramref name="value"/> the graph output <paramref name="name"/> (through an Identity node).</summary>
    public void Output(string name, string value, TensorProto.Types.DataType type, IReadOnlyList<object> shape)
    {
        var node = new NodeProto { OpType = "Identity", Name = $"output_{name}" };
        node.Input.Add(value);
        node.Output.Add(name);
        Proto.Node.Add(node);
        Proto.Output.Add(ValueInfo(name, type, shape));
    }

    /// <summary>Declares a graph input.</summary>
    public void Input(string name, TensorProto.Types.DataType type, IReadOnlyList<object> shape) =>
        Proto.Input.Add(ValueInfo(name, type, shape));

    /// <summary>A float32 constant of shape <paramref name="dims"/>.</summary>
    public string Floats(ReadOnlySpan<float> values, params long[] dims) =>
        Constant(TensorProto.Types.DataType.Float, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values), dims);

    /// <summary>A float64 constant of shape <paramref name="dims"/>.</summary>
    public string Doubles(ReadOnlySpan<double> values, params long[] dims) =>
        Constant(TensorProto.Types.DataType.Double, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values), dims);

    /// <summary>An int64 vector constant (shapes, axes, slice bounds).</summary>
    public string Longs(params long[] values) =>
        Constant(TensorProto.Types.DataType.Int64, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()), [values.Length]);

    /// <summary>A float64 scalar constant (shape []).</summary>
    public string Scalar(double value) => Doubles([value]);

    /// <summary>An integer attribute.</summary>
    public static AttributeProto Attribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    /// <summary>An integer-list attribute.</summary>
    public static AttributeProto Attribute(string name, IEnumerable<long> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private string Constant(TensorProto.Types.DataType type, ReadOnlySpan<byte> bytes, long[] dims)
    {
        if (!BitConverter.IsLittleEndian)
        {
            // ONNX's raw_data is little-endian; every platform .NET and ONNX Runtime ship on is.
            throw new PlatformNotSupportedException("the ONNX export writes little-endian raw data and needs a little-endian machine");
        }

        var name = $"const_{_next++}";
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(dims);
        Proto.Initializer.Add(tensor);
        return name;
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, IReadOnlyList<object> shape)
    {
        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = new TensorShapeProto() };
        foreach (var dimension in shape)
        {
            tensorType.Shape.Dim.Add(dimension is string symbol
                ? new TensorShapeProto.Types.Dimension { DimParam = symbol }
                : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(dimension, System.Globalization.CultureInfo.InvariantCulture) });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } };
    }
}
