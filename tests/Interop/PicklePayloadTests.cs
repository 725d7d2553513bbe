using System.IO.Compression;
using System.Text;
using Autoencoders.Data;
using Autoencoders.Interop;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Interop;

/// <summary>
/// A torch.save file is a Python pickle, and unpickling a pickle in Python can call any function it names. These files
/// are what <c>pickle.dumps</c> writes for an object whose <c>__reduce__</c> returns <c>(os.system, ("touch MARKER",))</c>
/// (Python's <c>pickle.loads</c> of the same bytes creates MARKER): loading them must fail with exit code 2 and run nothing.
/// </summary>
public sealed class PicklePayloadTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string> Payloads => new()
    {
        // The whole pickle is the call.
        { "posix", "system" },
        { "builtins", "exec" },
        // The call hides as the value of a state_dict entry.
        { "collections-value", "system" },
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void A_pickle_that_calls_a_function_is_refused_and_runs_nothing(string module, string function)
    {
        var marker = _folder.File("pwned");
        var file = WritePayload(module, function, marker);
        using var model = InteropCases.Create("dense", seed: 1);

        var error = Assert.Throws<DataInputException>(() => PyTorchImport.Load(model, file));

        Assert.Contains("not a PyTorch state_dict that can be read safely", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(File.Exists(marker), "the payload ran");
    }

    [Fact]
    public void Train_init_from_a_payload_exits_with_2_and_runs_nothing()
    {
        var marker = _folder.File("pwned");
        var file = WritePayload("posix", "system", marker);

        var (code, _, errors) = CliTests.Run("train", "--epochs", "1", "--init-from", file, "--out", _folder.File("out"));

        Assert.Equal(2, code);
        Assert.StartsWith($"error: {file} is not a PyTorch state_dict that can be read safely", errors, StringComparison.Ordinal);
        Assert.Single(errors.TrimEnd().Split('\n'));
        Assert.False(File.Exists(marker), "the payload ran");
    }

    private string WritePayload(string module, string function, string marker)
    {
        var command = function == "exec" ? $"import os; os.system('touch {marker}')" : $"touch {marker}";
        var call = Concat(Global(module == "builtins" ? "builtins" : "posix", function), Unicode(command), [0x85, (byte)'R']); // TUPLE1, REDUCE
        var body = module == "collections-value"
            // OrderedDict() then SETITEM "encoder.0.weight" → the call.
            ? Concat(Global("collections", "OrderedDict"), [(byte)')', (byte)'R'], Unicode("encoder.0.weight"), call, [(byte)'s'])
            : call;
        var pickle = Concat([0x80, 0x02], body, [(byte)'.']); // PROTO 2 … STOP
        var path = _folder.File($"{module}-{function}.pt");
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var entry = archive.CreateEntry("archive/data.pkl").Open();
            entry.Write(pickle);
        }

        return path;
    }

    private static byte[] Global(string module, string name) => Encoding.ASCII.GetBytes($"c{module}\n{name}\n");

    private static byte[] Unicode(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        return Concat([(byte)'X'], BitConverter.GetBytes(utf8.Length), utf8);
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(part => part)];
}
