using Autoencoders.Data;
using Autoencoders.Evaluation;
using Autoencoders.Evaluation.Anomaly;
using static TorchSharp.torch;

namespace Autoencoders.Interop.Onnx;

/// <summary>
/// Writes a score kind as ONNX nodes, in float64 as the library computes it, from the model's input and reconstruction
/// (model units, float32) and the code. The Gaussian filters of <c>blurred-mse</c> and SSIM become two matrix products
/// each (a separable filter is <c>Mₕ · X · Mᵥᵀ</c>), which every runtime offers in float64 where a float64 convolution
/// is rare; the nearest-code distances are <c>√(‖q‖² − 2q·t + ‖t‖²)</c> over the training codes kept as a constant.
/// </summary>
internal static class OnnxScoreGraph
{
    /// <summary>Adds the score's nodes; returns the name of the scores, float64 <c>(n)</c>.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="score">The fitted score.</param>
    /// <param name="input">The model's input, float32 <c>(n, ...)</c>.</param>
    /// <param name="reconstruction">Its reconstruction, float32, the same shape.</param>
    /// <param name="code">The code, float32 <c>(n, latent)</c>.</param>
    /// <param name="sampleShape">One sample's shape.</param>
    /// <param name="latentSize">The code's size.</param>
    /// <exception cref="DataInputException">The score does not apply to samples of this shape.</exception>
    public static string Add(OnnxGraph graph, DetectorScore score, string input, string reconstruction, string code, IReadOnlyList<long> sampleShape, int latentSize)
    {
        var x = Double(graph, input);
        var r = Double(graph, reconstruction);
        var isImage = sampleShape.Count == 3;
        if (score.Name is "blurred-mse" or "ssim" or "ssim+latent" && !isImage)
        {
            throw new DataInputException($"the {score.Name} score needs images (channels, height, width); this model takes samples shaped [{string.Join(", ", sampleShape)}].");
        }

        if (score.Name is "ssim" or "ssim+latent" && !Ssim.Applies([1, .. sampleShape]))
        {
            throw new DataInputException($"the {score.Name} score needs images of at least {Ssim.WindowSize}×{Ssim.WindowSize} pixels; this model takes [{string.Join(", ", sampleShape)}].");
        }

        switch (score.Name)
        {
            case "mse":
                return MeanSquare(graph, graph.Node("Sub", [r, x]));
            case "mse+centre":
                return graph.Node("Add", [MeanSquare(graph, graph.Node("Sub", [r, x])), AlongCentre(graph, score, r)]);
            case "centre+knn":
            {
                var distance = graph.Node("Sqrt", [graph.Node("Add", [MeanSquare(graph, graph.Node("Sub", [r, x])), AlongCentre(graph, score, r)])]);
                var neighbour = KthNearest(graph, score, Double(graph, code), latentSize);
                return graph.Node("Add",
                [
                    graph.Node("Div", [distance, graph.Scalar(score.DistanceScale)]),
                    graph.Node("Div", [graph.Node("Mul", [neighbour, graph.Scalar(AnomalyScorer.NeighbourWeight)]), graph.Scalar(score.NeighbourScale)]),
                ]);
            }

            case "blurred-mse":
            {
                var kernel = Line(ImageAnomalyScores.BlurKernel());
                var error = graph.Node("Sub", [r, x]);
                return MeanSquare(graph, Filter(graph, error, kernel, sampleShape, valid: false));
            }

            case "ssim":
                return OneMinusSsim(graph, r, x, sampleShape);
            case "ssim+latent":
            {
                var ssim = Standardise(graph, OneMinusSsim(graph, r, x, sampleShape), score.Ssim);
                var latent = Standardise(graph, KthNearest(graph, score, Double(graph, code), latentSize), score.Latent);
                return graph.Node("Add", [ssim, latent]);
            }

            default:
                throw new DataInputException($"the score '{score.Name}' has no ONNX form; the export writes {string.Join(", ", DetectorScore.Names)}.");
        }
    }

    private static string Double(OnnxGraph graph, string value) =>
        graph.Node("Cast", [value], OnnxGraph.Attribute("to", (long)global::Onnx.TensorProto.Types.DataType.Double));

    // mean over each sample's values of value², (n, ...) -> (n).
    private static string MeanSquare(OnnxGraph graph, string value)
    {
        var flat = graph.Node("Flatten", [value], OnnxGraph.Attribute("axis", 1));
        return graph.Node("ReduceMean", [graph.Node("Mul", [flat, flat])], OnnxGraph.Attribute("axes", [1L]), OnnxGraph.Attribute("keepdims", 0));
    }

    // C(x) = mean((x̂ − m)²), the reconstruction's distance from the training centre.
    private static string AlongCentre(OnnxGraph graph, DetectorScore score, string reconstruction)
    {
        var centre = graph.Doubles([.. score.Centre!], 1, score.Centre!.Count);
        var flat = graph.Node("Flatten", [reconstruction], OnnxGraph.Attribute("axis", 1));
        return MeanSquare(graph, graph.Node("Sub", [flat, centre]));
    }

    // The distance of each code (n, latent) to its k-th nearest training code, (n).
    private static string KthNearest(OnnxGraph graph, DetectorScore score, string codes, int latent)
    {
        var training = score.TrainingCodes!;
        var count = training.Count / latent;
        var transposed = new double[training.Count];
        var norms = new double[count];
        for (var row = 0; row < count; row++)
        {
            for (var column = 0; column < latent; column++)
            {
                var value = training[(row * latent) + column];
                transposed[(column * count) + row] = value;
                norms[row] += value * value;
            }
        }

        var queryNorms = graph.Node("ReduceSumSquare", [codes], OnnxGraph.Attribute("axes", [1L]), OnnxGraph.Attribute("keepdims", 1));
        var products = graph.Node("MatMul", [codes, graph.Doubles(transposed, latent, count)]);
        var squared = graph.Node("Add", [graph.Node("Sub", [queryNorms, graph.Node("Mul", [products, graph.Scalar(2)])]), graph.Doubles(norms, 1, count)]);
        // Rounding can take a distance of 0 just below it; the square root of a negative number would be NaN.
        var distances = graph.Node("Sqrt", [graph.Node("Max", [squared, graph.Scalar(0)])]);
        var nearest = graph.Nodes("TopK", [distances, graph.Longs((long)score.Neighbours)], 2,
            OnnxGraph.Attribute("axis", 1), OnnxGraph.Attribute("largest", 0), OnnxGraph.Attribute("sorted", 1))[0];
        return graph.Node("ReduceMax", [nearest], OnnxGraph.Attribute("axes", [1L]), OnnxGraph.Attribute("keepdims", 0));
    }

    private static string Standardise(OnnxGraph graph, string value, (double Mean, double Sd) standardiser) =>
        graph.Node("Div", [graph.Node("Sub", [value, graph.Scalar(standardiser.Mean)]), graph.Scalar(standardiser.Sd)]);

    // 1 − SSIM (Ssim.PerImage) of reconstruction a and image b.
    private static string OneMinusSsim(OnnxGraph graph, string a, string b, IReadOnlyList<long> sampleShape)
    {
        var line = Line(Ssim.Window());
        string F(string value) => Filter(graph, value, line, sampleShape, valid: true);
        var muA = F(a);
        var muB = F(b);
        var meanAa = F(graph.Node("Mul", [a, a]));
        var meanBb = F(graph.Node("Mul", [b, b]));
        var meanAb = F(graph.Node("Mul", [a, b]));
        var muAa = graph.Node("Mul", [muA, muA]);
        var muBb = graph.Node("Mul", [muB, muB]);
        var muAb = graph.Node("Mul", [muA, muB]);
        var varA = graph.Node("Sub", [meanAa, muAa]);
        var varB = graph.Node("Sub", [meanBb, muBb]);
        var covariance = graph.Node("Sub", [meanAb, muAb]);
        var two = graph.Scalar(2);
        var c1 = graph.Scalar(Ssim.C1);
        var c2 = graph.Scalar(Ssim.C2);
        var numerator = graph.Node("Mul",
        [
            graph.Node("Add", [graph.Node("Mul", [muAb, two]), c1]),
            graph.Node("Add", [graph.Node("Mul", [covariance, two]), c2]),
        ]);
        var denominator = graph.Node("Mul",
        [
            graph.Node("Add", [graph.Node("Add", [muAa, muBb]), c1]),
            graph.Node("Add", [graph.Node("Add", [varA, varB]), c2]),
        ]);
        var map = graph.Node("Flatten", [graph.Node("Div", [numerator, denominator])], OnnxGraph.Attribute("axis", 1));
        var ssim = graph.Node("ReduceMean", [map], OnnxGraph.Attribute("axes", [1L]), OnnxGraph.Attribute("keepdims", 0));
        return graph.Node("Sub", [graph.Scalar(1), ssim]);
    }

    // A separable filter over (n, c, h, w) as Mₕ · X · Mᵥᵀ: 'valid' positions only (SSIM), or the image's size with zeros
    // outside it (the blur, padded by half the kernel on each side).
    private static string Filter(OnnxGraph graph, string images, double[] line, IReadOnlyList<long> sampleShape, bool valid)
    {
        var (height, width) = ((int)sampleShape[1], (int)sampleShape[2]);
        var rows = Matrix(line, height, valid);
        var columns = Matrix(line, width, valid);
        var outHeight = rows.Length / height;
        var outWidth = columns.Length / width;
        var columnsTransposed = new double[columns.Length];
        for (var i = 0; i < outWidth; i++)
        {
            for (var j = 0; j < width; j++)
            {
                columnsTransposed[(j * outWidth) + i] = columns[(i * width) + j];
            }
        }

        var down = graph.Node("MatMul", [graph.Doubles(rows, outHeight, height), images]);
        return graph.Node("MatMul", [down, graph.Doubles(columnsTransposed, width, outWidth)]);
    }

    // Row i of the matrix holds the kernel where output i reads the input: starting at i ('valid'), or centred on i.
    private static double[] Matrix(double[] line, int size, bool valid)
    {
        var half = line.Length / 2;
        var outputs = valid ? size - line.Length + 1 : size;
        var matrix = new double[outputs * size];
        for (var i = 0; i < outputs; i++)
        {
            for (var t = 0; t < line.Length; t++)
            {
                var j = valid ? i + t : i + t - half;
                if (j >= 0 && j < size)
                {
                    matrix[(i * size) + j] = line[t];
                }
            }
        }

        return matrix;
    }

    // The 1-D factor of a normalised separable 2-D kernel (1, 1, k, k): its row sums.
    private static double[] Line(Tensor kernel)
    {
        using var owned = kernel;
        using var sums = owned.sum([3]).flatten();
        return sums.data<double>().ToArray();
    }
}
