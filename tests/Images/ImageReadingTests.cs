using Autoencoders.Data;
using Autoencoders.Data.Images;
using Autoencoders.Tests.Support;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Images;

public sealed class ImageReadingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Every_8_bit_gray_level_written_as_png_reads_back_exactly_as_level_over_255_and_nothing_leaks()
    {
        var levels = Enumerable.Range(0, 256).Select(level => level / 255f).ToArray();
        using var image = tensor(levels, [1, 16, 16]);
        var path = _folder.File("levels.png");
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        ImageFiles.WritePng(image, path);
        using (var read = ImageFiles.ReadGrayscale(path, 16, 16))
        {
            Assert.Equal(before + 1, DisposeScopeManager.Statistics.ThreadTotalLiveCount); // only the result lives
            Assert.Equal([1L, 16, 16], read.shape);
            Assert.Equal(ScalarType.Float32, read.dtype);
            Assert.Equal(levels, read.data<float>().ToArray()); // exactly: the same floats the IDX reader makes
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void A_colour_png_reads_as_its_rec_601_luma()
    {
        SKColor[] colours = [new(255, 0, 0), new(0, 255, 0), new(0, 0, 255), new(200, 100, 50), new(10, 250, 90), new(255, 255, 255)];
        var path = _folder.Write("colours.png", TestImages.Encode(colours.Length, 1, (x, _) => colours[x], SKEncodedImageFormat.Png));

        using var read = ImageFiles.ReadGrayscale(path, 1, colours.Length);

        var expected = colours.Select(c => ((0.299 * c.Red) + (0.587 * c.Green) + (0.114 * c.Blue)) / 255).ToArray();
        Assert.Equal(expected, read.data<float>().ToArray().Select(value => (double)value), new Tolerance(1e-6));
    }

    [Fact]
    public void Transparent_pixels_read_as_black_and_partly_transparent_ones_as_composited_over_black()
    {
        // White under full transparency must not show: the background of MNIST-style digits is black.
        SKColor[] pixels = [new(255, 255, 255, 0), new(255, 255, 255, 255), new(255, 255, 255, 128), new(0, 0, 0, 0), new(200, 100, 50, 0)];
        var path = _folder.Write("alpha.png", TestImages.Encode(pixels.Length, 1, (x, _) => pixels[x], SKEncodedImageFormat.Png));

        using var read = ImageFiles.ReadGrayscale(path, 1, pixels.Length);

        Assert.Equal([0f, 1f, 128 / 255f, 0f, 0f], read.data<float>().ToArray());
    }

    [Fact]
    public void A_palette_png_reads_as_the_luma_of_its_palette_colours()
    {
        SKColor[] palette = [new(0, 0, 0), new(255, 255, 255), new(255, 0, 0), new(30, 60, 90)];
        var path = _folder.Write("palette.png", TestImages.PalettePng(4, 2, palette, (x, y) => (byte)((x + y) % 4)));

        using var read = ImageFiles.ReadGrayscale(path, 2, 4);

        var luma = palette.Select(c => (float)(((0.299 * c.Red) + (0.587 * c.Green) + (0.114 * c.Blue)) / 255)).ToArray();
        Assert.Equal([luma[0], luma[1], luma[2], luma[3], luma[1], luma[2], luma[3], luma[0]], read.data<float>().ToArray(), new Tolerance(1e-6f));
    }

    [Fact]
    public void A_16_bit_png_reads_at_8_bits()
    {
        var png = TestImages.Encode16BitGray(3, [0, 0x8080, 0xFFFF]);
        Assert.Equal(16, png[24]); // the encoder did write 16 bits per sample
        var path = _folder.Write("deep.png", png);

        using var read = ImageFiles.ReadGrayscale(path, 1, 3);

        Assert.Equal([0f, 128 / 255f, 1f], read.data<float>().ToArray());
    }

    [Fact]
    public void A_jpeg_reads_close_to_its_gray_levels()
    {
        // Flat 8x8 blocks aligned with JPEG's blocks hold only a DC coefficient, which quality 100 quantizes with
        // step 1; what is left is rounding in the colour transform and IDCT, a level or two: tolerance 3 / 255.
        byte[] levels = [0, 40, 128, 200, 255, 90];
        var path = _folder.Write("blocks.jpg", TestImages.Encode(48, 8, (x, _) => TestImages.Gray(levels[x / 8]), SKEncodedImageFormat.Jpeg, quality: 100));

        using var read = ImageFiles.ReadGrayscale(path, 1, 6);
        using var full = ImageFiles.ReadGrayscale(path, 8, 48);

        Assert.Equal(levels.Select(level => level / 255f), read.data<float>().ToArray(), new Tolerance(3 / 255f));
        Assert.Equal(Enumerable.Range(0, 8 * 48).Select(i => levels[i % 48 / 8] / 255f), full.data<float>().ToArray(), new Tolerance(3 / 255f));
    }

    [Fact]
    public void A_colour_jpeg_reads_close_to_its_luma()
    {
        // 16x16 flat blocks survive 4:2:0 chroma subsampling whole; JPEG's own luma uses the same Rec. 601
        // weights, so the decoded value is off only by quantization and rounding: tolerance 3 / 255.
        SKColor[] colours = [new(255, 0, 0), new(0, 255, 0), new(0, 0, 255), new(200, 100, 50)];
        var path = _folder.Write("colours.jpeg", TestImages.Encode(64, 16, (x, _) => colours[x / 16], SKEncodedImageFormat.Jpeg, quality: 100));

        using var read = ImageFiles.ReadGrayscale(path, 16, 64);

        var values = read.data<float>().ToArray();
        for (var block = 0; block < colours.Length; block++)
        {
            var c = colours[block];
            var luma = (float)(((0.299 * c.Red) + (0.587 * c.Green) + (0.114 * c.Blue)) / 255);
            Assert.Equal(luma, values[(8 * 64) + (16 * block) + 8], 3 / 255f); // the middle of the block
        }
    }

    [Fact]
    public void A_24_bit_bmp_reads_exactly_as_its_luma()
    {
        SKColor[] colours = [new(0, 0, 0), new(255, 255, 255), new(255, 0, 0), new(12, 34, 56), new(77, 77, 77)];
        var path = _folder.Write("colours.BMP", TestImages.Bmp24(5, 2, (x, y) => colours[(x + y) % 5]));

        using var read = ImageFiles.ReadGrayscale(path, 2, 5);

        var expected = Enumerable.Range(0, 10).Select(i => colours[((i % 5) + (i / 5)) % 5])
            .Select(c => (float)(((0.299 * c.Red) + (0.587 * c.Green) + (0.114 * c.Blue)) / 255));
        Assert.Equal(expected, read.data<float>().ToArray(), new Tolerance(1e-6f));
    }

    [Fact]
    public void Halving_the_size_averages_each_2x2_block()
    {
        // Skia's trilinear sampling takes a 2x downscale from the first mipmap level, the 2x2 box average stored
        // at 8 bits, and samples it at 8 bits again: two roundings of half a level each, so tolerance 1 / 255.
        var random = new Random(12);
        var values = new byte[56 * 56];
        random.NextBytes(values);
        var path = _folder.Write("noise.png", TestImages.GrayPng(values, 56, 56));

        using var read = ImageFiles.ReadGrayscale(path, 28, 28);

        var expected = new float[28 * 28];
        for (var y = 0; y < 28; y++)
        {
            for (var x = 0; x < 28; x++)
            {
                int At(int dy, int dx) => values[(((2 * y) + dy) * 56) + (2 * x) + dx];
                expected[(y * 28) + x] = (At(0, 0) + At(0, 1) + At(1, 0) + At(1, 1)) / 4f / 255f;
            }
        }

        Assert.Equal(expected, read.data<float>().ToArray(), new Tolerance(1 / 255f));
    }

    [Fact]
    public void Shrinking_a_fine_checkerboard_nine_times_averages_it_to_mid_gray_instead_of_aliasing()
    {
        // An odd factor puts each output pixel's centre on the centre of one source pixel, so sampling without
        // averaging (bilinear alone) reads single black or white squares. With factor 10 bilinear would pass by
        // luck, reading halfway between two pixels.
        var path = _folder.Write("checkerboard.png", TestImages.Encode(252, 252, (x, y) => TestImages.Gray((x + y) % 2 == 0 ? (byte)255 : (byte)0), SKEncodedImageFormat.Png));

        using var read = ImageFiles.ReadGrayscale(path, 28, 28);

        // The mean of 0 and 255 is 127.5; averaging at 8 bits rounds it to 127 or 128.
        Assert.All(read.data<float>().ToArray(), value => Assert.InRange(value, 127 / 255f, 128 / 255f));
    }

    [Fact]
    public void Enlarging_and_stretching_keep_a_flat_image_flat()
    {
        var path = _folder.Write("flat.png", TestImages.GrayPng(Enumerable.Repeat((byte)153, 14 * 7).ToArray(), 14, 7));

        using var read = ImageFiles.ReadGrayscale(path, 28, 20);

        Assert.Equal([1L, 28, 20], read.shape);
        Assert.All(read.data<float>().ToArray(), value => Assert.Equal(153 / 255f, value));
    }

    // Upright images of a stored picture whose top row is white (W) then gray (G) and whose bottom row is black,
    // for each EXIF orientation, from its definition: where the stored 0th row and 0th column are shown.
    [Theory]
    [InlineData(1, "WG BB")] // 0th row at the top, 0th column on the left: as stored
    [InlineData(2, "GW BB")] // top, right: mirrored left to right
    [InlineData(3, "BB GW")] // bottom, right: turned half round
    [InlineData(4, "BB WG")] // bottom, left: mirrored top to bottom
    [InlineData(5, "WB GB")] // left, top: transposed
    [InlineData(6, "BW BG")] // right, top: turned a quarter clockwise
    [InlineData(7, "BG BW")] // right, bottom: transposed across the other diagonal
    [InlineData(8, "GB WB")] // left, bottom: turned a quarter anticlockwise
    public void A_jpeg_tagged_with_an_exif_orientation_is_read_upright_as_a_viewer_shows_it(ushort orientation, string upright)
    {
        // Square, so that shrinking to 2x2 is the same factor on both axes (trilinear sampling picks its mipmap level
        // from the mean of the two factors); each quadrant is flat and made of whole 8x8 JPEG blocks.
        var stored = TestImages.Encode(32, 32, (x, y) => TestImages.Gray(y >= 16 ? (byte)0 : x < 16 ? (byte)255 : (byte)128), SKEncodedImageFormat.Jpeg);
        var path = _folder.Write("turned.jpg", TestImages.WithExifOrientation(stored, orientation));
        Assert.Equal((SKEncodedOrigin)orientation, TestImages.Origin(File.ReadAllBytes(path))); // the tag is where Skia reads it

        using var read = ImageFiles.ReadGrayscale(path, 2, 2);

        // Each output pixel averages one quadrant: tolerance for JPEG's rounding and the averaging.
        var expected = upright.Replace(" ", "", StringComparison.Ordinal).Select(c => c switch { 'W' => 1f, 'G' => 128 / 255f, _ => 0f });
        Assert.Equal(expected, read.data<float>().ToArray(), new Tolerance(0.05f));
    }

    [Fact]
    public void An_upright_size_that_swaps_the_axes_is_resized_from_the_stored_image_turned()
    {
        // Orientation 6 turns the stored 32x16 image into a 16x32 one: read at that size, nothing is stretched.
        var jpeg = TestImages.Encode(32, 16, (x, _) => TestImages.Gray((byte)(x * 8)), SKEncodedImageFormat.Jpeg);
        var path = _folder.Write("tall.jpg", TestImages.WithExifOrientation(jpeg, 6));

        using var read = ImageFiles.ReadGrayscale(path, 32, 16);

        // Upright, row r holds what stored column r held: the gradient runs down the rows, flat along each row.
        // Quality 100 quantizes with step 1; rounding in the colour transform and IDCT leaves a level or two.
        var values = read.data<float>().ToArray();
        for (var row = 0; row < 32; row++)
        {
            Assert.All(values[(row * 16)..((row + 1) * 16)], value => Assert.Equal(row * 8 / 255f, value, 3 / 255f));
        }
    }

    [Fact]
    public void Reading_many_files_stacks_them_in_order_and_reports_progress_every_interval()
    {
        var count = (2 * ImageFiles.ProgressInterval) + 5;
        var paths = Enumerable.Range(0, count)
            .Select(i => _folder.Write($"{i:D3}.png", TestImages.GrayPng([(byte)i, (byte)(255 - i), 7, 9], 2, 2)))
            .ToArray();
        var reported = new List<int>();
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        using (var read = ImageFiles.ReadAll(paths, 2, 2, new SynchronousProgress(reported.Add)))
        {
            Assert.Equal(before + 1, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
            Assert.Equal([(long)count, 1, 2, 2], read.shape);
            var values = read.data<float>().ToArray();
            for (var i = 0; i < count; i++)
            {
                Assert.Equal([i / 255f, (255 - i) / 255f, 7 / 255f, 9 / 255f], values[(4 * i)..(4 * (i + 1))]);
            }
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.Equal([ImageFiles.ProgressInterval, 2 * ImageFiles.ProgressInterval, count], reported);
    }

    [Fact]
    public void Reading_many_files_stops_at_the_first_bad_one_and_names_it_without_leaking()
    {
        var good = _folder.Write("a.png", TestImages.GrayPng([1, 2, 3, 4], 2, 2));
        var bad = _folder.Write("b.png", "not an image");
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        var error = Assert.Throws<DataInputException>(() => ImageFiles.ReadAll([good, bad, good], 2, 2));

        Assert.StartsWith($"{bad}: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    public static TheoryData<string> BadFiles => ["truncated PNG", "text named .png", "zero bytes", "missing", "WebP named .png", "GIF named .jpg", "PNG header only"];

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_file_that_is_not_a_decodable_image_is_refused_in_one_line_that_starts_with_its_path(string kind)
    {
        var png = TestImages.GrayPng(Enumerable.Range(0, 28 * 28).Select(i => (byte)(i * 7)).ToArray(), 28, 28);
        var (path, reason) = kind switch
        {
            "truncated PNG" => (_folder.Write("digit.png", png[..(png.Length / 2)]), "truncated"),
            "text named .png" => (_folder.Write("notes.png", "This file holds text, not pixels.\nA second line.\n"), "it is not an image file: it starts with the text \"This file holds \""),
            "zero bytes" => (_folder.Write("empty.png", []), "empty"),
            "missing" => (_folder.File("missing.png"), "no such file"),
            "WebP named .png" => (_folder.Write("web.png", TestImages.Encode(4, 4, (_, _) => TestImages.Gray(9), SKEncodedImageFormat.Webp)), "WEBP"),
            "GIF named .jpg" => (_folder.Write("anim.jpg", Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")), "GIF"),
            "PNG header only" => (_folder.Write("header.png", png[..30]), "header is truncated"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var error = Assert.Throws<DataInputException>(() => ImageFiles.ReadGrayscale(path, 28, 28));

        Assert.StartsWith($"{path}: cannot be read as a PNG, JPEG or BMP image (", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\r', error.Message);
    }

    [Fact]
    public void Sizes_below_one_pixel_are_refused_as_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFiles.ReadGrayscale(_folder.File("any.png"), 0, 28));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFiles.ReadAll([], 28, -1));
    }

    /// <summary>Reports on the calling thread, unlike <see cref="Progress{T}"/>, which posts to the thread pool.</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    /// <summary>Compares floats or doubles to within a fixed absolute difference.</summary>
    private sealed class Tolerance(double limit) : IEqualityComparer<float>, IEqualityComparer<double>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= limit;

        public bool Equals(double x, double y) => Math.Abs(x - y) <= limit;

        public int GetHashCode(float obj) => 0;

        public int GetHashCode(double obj) => 0;
    }
}
