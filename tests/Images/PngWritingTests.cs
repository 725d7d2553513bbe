using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;
using Autoencoders.Plots;
using Autoencoders.Data.Images;
using Autoencoders.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Images;

public sealed partial class PngWritingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Pixels_are_encoded_as_an_8_bit_grayscale_png_of_their_size_that_decodes_to_them()
    {
        byte[] pixels = [0, 50, 100, 150, 200, 250];

        var png = ImageFiles.EncodePng(pixels, width: 3, height: 2);

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal("IHDR", Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(3, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.Equal([8, 0], png[24..26]); // 8 bits, colour type 0: grayscale, one byte a pixel
        var decoded = TestImages.DecodeGray(png);
        Assert.Equal((3, 2), (decoded.Width, decoded.Height));
        Assert.Equal(pixels, decoded.Pixels);
    }

    [Fact]
    public void Pixels_that_do_not_fill_the_image_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ImageFiles.EncodePng(new byte[5], 3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFiles.EncodePng([], 0, 0));
    }

    [Fact]
    public void A_tensor_is_clamped_to_0_1_scaled_by_255_and_rounded_with_nan_as_black_and_nothing_leaks()
    {
        using var image = tensor(new[] { -1f, 0f, 0.5f, 1f, 2f, float.NaN, 0.1f, float.PositiveInfinity }, [1, 2, 4]);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        var png = ImageFiles.EncodePng(image);

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        // 0.5 * 255 = 127.5 rounds to even, 128; 0.1 * 255 = 25.5 in float is 25.500002, so 26. NaN to a byte is
        // undefined in C++; x86 happens to give 0 as well, so the NaN case guards other processors.
        var decoded = TestImages.DecodeGray(png);
        Assert.Equal((4, 2), (decoded.Width, decoded.Height));
        Assert.Equal([0, 0, 128, 255, 255, 0, 26, 255], decoded.Pixels);
    }

    [Fact]
    public void A_two_dimensional_tensor_gives_the_same_png_as_its_one_channel_form()
    {
        using var plane = rand(5, 7, generator: new Generator(3));
        using var channel = plane.unsqueeze(0);

        Assert.Equal(ImageFiles.EncodePng(channel), ImageFiles.EncodePng(plane));
    }

    [Theory]
    [InlineData(new long[] { 2, 4, 4 })]
    [InlineData(new long[] { 1, 1, 4, 4 })]
    [InlineData(new long[] { 16 })]
    public void Tensors_that_are_not_one_grayscale_image_are_refused(long[] shape)
    {
        using var image = zeros(shape);

        Assert.Throws<ArgumentException>(() => ImageFiles.EncodePng(image));
    }

    [Fact]
    public void Integer_tensors_are_refused_rather_than_read_as_0_to_1()
    {
        using var image = full([4, 4], 200, ScalarType.Byte);

        Assert.Throws<ArgumentException>(() => ImageFiles.EncodePng(image));
    }

    [Fact]
    public void Writing_creates_the_folder_replaces_an_old_file_and_leaves_no_temporary_file()
    {
        var path = _folder.File("out/deeper/image.png");
        using var first = zeros(1, 3, 3);
        using var second = ones(3, 3);

        ImageFiles.WritePng(first, path);
        ImageFiles.WritePng(second, path);

        Assert.Equal(Enumerable.Repeat((byte)255, 9), TestImages.DecodeGray(File.ReadAllBytes(path)).Pixels);
        Assert.Equal(["image.png"], Directory.GetFileSystemEntries(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void The_html_grid_inlines_each_image_as_a_png_of_its_pixels_with_its_caption()
    {
        ImageGridPage.Item[] items = [new([0, 255, 10, 20, 30, 40], 3, 2, "three & two"), new([7], 1, 1, "one")];

        var html = ImageGridPage.Build("A <title>", items);

        var images = DataUri().Matches(html).Select(match => TestImages.DecodeGray(Convert.FromBase64String(match.Groups[1].Value))).ToArray();
        Assert.Equal(2, images.Length);
        Assert.Equal((items[0].Pixels, 3, 2), (images[0].Pixels, images[0].Width, images[0].Height), PixelsComparer);
        Assert.Equal((items[1].Pixels, 1, 1), (images[1].Pixels, images[1].Width, images[1].Height), PixelsComparer);
        Assert.Contains("<figcaption>three &amp; two</figcaption>", html, StringComparison.Ordinal);
        Assert.Contains("<title>A &lt;title&gt;</title>", html, StringComparison.Ordinal);
    }

    private static readonly IEqualityComparer<(byte[] Pixels, int Width, int Height)> PixelsComparer = EqualityComparer<(byte[] Pixels, int Width, int Height)>.Create(
        (a, b) => a.Pixels.SequenceEqual(b.Pixels) && (a.Width, a.Height) == (b.Width, b.Height), _ => 0);

    [GeneratedRegex("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")]
    private static partial Regex DataUri();
}
