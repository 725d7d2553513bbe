using System.Text.RegularExpressions;
using Autoencoders.Interop;
using Autoencoders.Models;
using Autoencoders.Tests.Support;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Interop;

/// <summary>
/// Runs the Python of docs/pytorch.md as written, in PyTorch, on files this library exported: its reconstructions must
/// equal ours; and weights PyTorch saved with <c>torch.save</c> must load here and give PyTorch's reconstructions.
/// </summary>
public sealed partial class PyTorchDocsTests : IDisposable
{
    // Different builds of libtorch (Debian's PyTorch, the NuGet one) sum in other orders: float32 outputs of order 1 after
    // a few hundred multiply-adds agree to about 1e-6.
    private const double Tolerance = 1e-5;

    private const int Samples = 3;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [PyTorchFact]
    public void PyTorch_rebuilds_every_model_kind_from_the_docs_and_reconstructs_as_we_do_and_its_weights_load_here()
    {
        Assert.True(PythonWithTorch.Path is not null, $"no python3 imports torch and numpy, and {PythonWithTorch.RequireVariable}=1 requires it: apt-get install python3-torch");
        var (modules, load) = DocumentedPython();
        var cases = InteropCases.All.Keys.ToList();
        var expected = new Dictionary<string, (float[] Reconstructions, float[] Codes)>();
        foreach (var name in cases)
        {
            using var model = InteropCases.Create(name, seed: 1);
            InteropCases.SaveCheckpoint(model, _folder.File(Path.Combine(name, "checkpoint")));
            PyTorchExport.Export(_folder.File(Path.Combine(name, "checkpoint")), _folder.File(Path.Combine(name, "export", "model.pt")), PyTorchFormat.PyTorch);
            using var scope = NewDisposeScope();
            var input = rand([Samples, .. InteropCases.All[name].Shape], generator: new Generator(5));
            File.WriteAllBytes(_folder.File(Path.Combine(name, "samples.f32")), input.bytes.ToArray());
            expected[name] = BatchedInference.InEvaluationMode(model, () => (Floats(model.forward(input)), Floats(model.Encode(input))));
        }

        File.WriteAllText(_folder.File("modules.py"), modules);
        File.WriteAllText(_folder.File("load.py"), load);
        File.WriteAllText(_folder.File("driver.py"), Driver);

        var result = ProcessRunner.Run(PythonWithTorch.Path!, ["driver.py", "modules.py", "load.py", .. cases], _folder.Path, TimeSpan.FromSeconds(120),
            PythonWithTorch.Environment);

        Assert.True(result.ExitCode == 0, result.Errors);
        foreach (var name in cases)
        {
            AssertClose(expected[name].Reconstructions, ReadFloats(name, "reconstructions.f32"), $"{name}: PyTorch's reconstructions");
            AssertClose(expected[name].Codes, ReadFloats(name, "codes.f32"), $"{name}: PyTorch's codes");

            // The other way: a module PyTorch built and initialised itself, saved with torch.save, loaded here.
            using var model = InteropCases.Create(name, seed: 2);
            PyTorchImport.Load(model, _folder.File(Path.Combine(name, "pytorch.pt")));
            using var scope = NewDisposeScope();
            var input = from_array(ReadFloats(name, "samples.f32")).view([Samples, .. InteropCases.All[name].Shape]);
            var ours = BatchedInference.InEvaluationMode(model, () => Floats(model.forward(input)));
            AssertClose(ReadFloats(name, "pytorch-reconstructions.f32"), ours, $"{name}: our reconstructions with PyTorch's weights");
        }
    }

    // After the documented code has run in each case's folder: reconstruct our samples, then save a freshly initialised
    // module as a PyTorch user would, with its reconstructions.
    private const string Driver = """
        import os, sys
        import numpy as np
        exec(open(sys.argv[1]).read())
        load = open(sys.argv[2]).read()
        root = os.getcwd()
        for case in sys.argv[3:]:
            os.chdir(os.path.join(root, case))
            exec(load)
            x = torch.from_numpy(np.fromfile("samples.f32", dtype="<f4")).view(-1, *checkpoint["inputShape"])
            with torch.no_grad():
                model(x).numpy().astype("<f4").tofile("reconstructions.f32")
                model.encode(x).numpy().astype("<f4").tofile("codes.f32")
                torch.manual_seed(0)
                fresh = build(checkpoint).eval()
                torch.save(fresh.state_dict(), "pytorch.pt")
                fresh(x).numpy().astype("<f4").tofile("pytorch-reconstructions.f32")
        """;

    // The first python block defines the modules, the second loads the exported file; the later ones need other files.
    private static (string Modules, string Load) DocumentedPython()
    {
        var markdown = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "pytorch.md"));
        var blocks = PythonBlock().Matches(markdown).Select(match => match.Groups[1].Value).ToList();
        Assert.True(blocks.Count >= 2, "docs/pytorch.md should hold the modules and the loading snippet as python blocks");
        Assert.Contains("def build(", blocks[0], StringComparison.Ordinal);
        Assert.Contains("export/model.pt", blocks[1], StringComparison.Ordinal);
        return (blocks[0], blocks[1]);
    }

    [GeneratedRegex("```python\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex PythonBlock();

    private float[] ReadFloats(string name, string file)
    {
        var bytes = File.ReadAllBytes(_folder.File(Path.Combine(name, file)));
        var values = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }

    private static float[] Floats(Tensor tensor) => tensor.contiguous().data<float>().ToArray();

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} values, expected {expected.Length}");
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= Tolerance, $"{what}: differ by up to {worst:G3} (allowed {Tolerance:G3})");
    }
}
