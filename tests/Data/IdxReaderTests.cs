using Autoencoders.Data;
using Autoencoders.Data.Idx;
using Autoencoders.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Data;

public class IdxReaderTests
{
    [Theory]
    [InlineData("images-idx3-ubyte", false)]
    [InlineData("images-idx3-ubyte.gz", true)]
    [InlineData("compressed-but-named-raw-idx3-ubyte", true)]
    public void Images_are_read_as_float32_pixel_over_255_with_shape_n_1_rows_columns(string name, bool compress)
    {
        using var folder = new TempFolder();
        var content = IdxBytes.Images(count: 3, rows: 2, columns: 5, pixel: index => (byte)(index * 9));
        var path = folder.Write(name, compress ? IdxBytes.Gzip(content) : content);

        using var images = IdxReader.ReadImages(path);

        Assert.Equal([3L, 1L, 2L, 5L], images.shape);
        Assert.Equal(ScalarType.Float32, images.dtype);
        var expected = Enumerable.Range(0, 30).Select(index => (byte)(index * 9) / 255f).ToArray();
        Assert.Equal(expected, images.data<float>().ToArray()); // exact: the same float division
    }

    [Fact]
    public void Flattened_images_have_shape_n_rows_times_columns()
    {
        using var folder = new TempFolder();
        var path = folder.Write("x-idx3-ubyte.gz", IdxBytes.Gzip(IdxBytes.Images(4, 3, 2)));

        using var images = IdxReader.ReadImages(path, flatten: true);

        Assert.Equal([4L, 6L], images.shape);
    }

    [Fact]
    public void Every_byte_value_maps_to_itself_over_255_even_across_many_read_blocks()
    {
        using var folder = new TempFolder();
        // 4,000 images of 28x28 = 3.1 MB: several of the reader's 1 MB blocks, and an odd pattern to catch misplaced blocks.
        var path = folder.Write("big-idx3-ubyte.gz", IdxBytes.Gzip(IdxBytes.Images(4000, 28, 28, index => (byte)((index * 7) + (index / 1000)))));

        using var images = IdxReader.ReadImages(path);

        var values = images.data<float>().ToArray();
        Assert.Equal(4000 * 784, values.Length);
        for (var index = 0; index < values.Length; index++)
        {
            if (values[index] != (byte)((index * 7) + (index / 1000)) / 255f)
            {
                Assert.Fail($"value {index} is {values[index]}");
            }
        }
    }

    [Fact]
    public void Labels_are_read_as_int64()
    {
        using var folder = new TempFolder();
        var path = folder.Write("labels-idx1-ubyte.gz", IdxBytes.Gzip(IdxBytes.Labels(7, 0, 255, 3)));

        using var labels = IdxReader.ReadLabels(path);

        Assert.Equal(ScalarType.Int64, labels.dtype);
        Assert.Equal([7L, 0L, 255L, 3L], labels.data<long>().ToArray());
    }

    [Fact]
    public void Images_and_labels_are_read_together_when_their_counts_agree()
    {
        using var folder = new TempFolder();
        var images = IdxSource.FromFile(folder.Write("i-idx3-ubyte", IdxBytes.Images(2, 2, 2)));
        var labels = IdxSource.FromFile(folder.Write("l-idx1-ubyte", IdxBytes.Labels(4, 5)));

        var (x, y) = IdxReader.ReadImagesAndLabels(images, labels, flatten: true);
        using (x)
        using (y)
        {
            Assert.Equal([2L, 4L], x.shape);
            Assert.Equal([4L, 5L], y.data<long>().ToArray());
        }
    }

    [Fact]
    public void Images_and_labels_with_different_counts_are_refused_naming_both_files()
    {
        using var folder = new TempFolder();
        var images = IdxSource.FromFile(folder.Write("i-idx3-ubyte", IdxBytes.Images(3, 2, 2)));
        var labels = IdxSource.FromFile(folder.Write("l-idx1-ubyte", IdxBytes.Labels(4, 5)));

        var error = Assert.Throws<DataInputException>(() => IdxReader.ReadImagesAndLabels(images, labels));

        AssertOneLine(error, labels.Name, "holds 2 labels but");
        Assert.Contains(images.Name, error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], string> BadImageFiles()
    {
        var good = IdxBytes.Images(3, 4, 4);
        var gzip = IdxBytes.Gzip(good);
        var corrupt = (byte[])gzip.Clone();
        for (var index = 12; index < corrupt.Length - 8; index++)
        {
            corrupt[index] = 0xFF;
        }

        return new TheoryData<string, byte[], string>
        {
            { "empty-idx3-ubyte", [], "the file is empty" },
            { "empty-idx3-ubyte.gz", IdxBytes.Gzip([]), "the file is empty" },
            { "labels-idx1-ubyte", IdxBytes.Labels(1, 2, 3), "magic number 0x00000801 marks labels, expected 0x00000803" },
            { "random-magic", [0x12, 0x34, 0x56, 0x78, .. good[4..]], "magic number 0x12345678" },
            { "floats-idx3", [.. IdxBytes.Header(0x0D03, 3, 4, 4), .. new byte[48 * 4]], "type 0x0D, not unsigned bytes" },
            { "short-header-idx3-ubyte", good[..9], "ends after 9 bytes, inside its 16-byte header" },
            { "truncated-idx3-ubyte", good[..^5], "the data ends after 43 of the 48 bytes that the header declares (3 images of 4x4)" },
            { "truncated-idx3-ubyte.gz", gzip[..(gzip.Length / 2)], "truncated" },
            { "cut-in-trailer-idx3-ubyte.gz", gzip[..^3], "truncated" },
            { "corrupt-idx3-ubyte.gz", corrupt, "corrupt" },
            { "too-long-idx3-ubyte", [.. good, 1, 2, 3], "holds 3 bytes more than the header declares (3 images of 4x4)" },
            { "too-long-idx3-ubyte.gz", IdxBytes.Gzip([.. good, 1, 2, 3]), "holds 3 bytes more than the header declares" },
            { "overstated-idx3-ubyte.gz", IdxBytes.Gzip([.. IdxBytes.Header(0x0803, 100_000, 28, 28), .. new byte[10]]), "the data ends after 10 of the 78,400,000 bytes" },
            { "overstated-idx3-ubyte", [.. IdxBytes.Header(0x0803, 100_000, 28, 28), .. new byte[10]], "the data ends after 10 of the 78,400,000 bytes" },
            { "no-images-idx3-ubyte", IdxBytes.Header(0x0803, 0, 28, 28), "declares 0 images" },
            { "no-rows-idx3-ubyte", IdxBytes.Header(0x0803, 5, 0, 28), "declares 0x28-pixel images" },
            { "huge-idx3-ubyte", IdxBytes.Header(0x0803, 1_000_000, 28_000, 28), "split the file into smaller ones" },
        };
    }

    [Theory]
    [MemberData(nameof(BadImageFiles))]
    public void A_bad_images_file_gives_one_line_naming_the_file_and_the_problem(string name, byte[] content, string problem)
    {
        using var folder = new TempFolder();
        var path = folder.Write(name, content);

        var error = Assert.Throws<DataInputException>(() => IdxReader.ReadImages(path));

        AssertOneLine(error, path, problem);
    }

    [Theory]
    [InlineData(new byte[0], "the file is empty")]
    [InlineData(new byte[] { 0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0 }, "magic number 0x00000803 marks images, expected 0x00000801")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 4, 1, 2 }, "the data ends after 2 of the 4 bytes that the header declares (4 labels)")]
    public void A_bad_labels_file_gives_one_line_naming_the_file_and_the_problem(byte[] content, string problem)
    {
        using var folder = new TempFolder();
        var path = folder.Write("labels-idx1-ubyte", content);

        var error = Assert.Throws<DataInputException>(() => IdxReader.ReadLabels(path));

        AssertOneLine(error, path, problem);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_header_that_declares_more_than_the_file_holds_is_refused_before_allocating(bool compress)
    {
        using var folder = new TempFolder();
        byte[] content = [.. IdxBytes.Header(0x0803, 100_000, 28, 28), .. new byte[10]];
        var path = folder.Write("overstated-idx3-ubyte", compress ? IdxBytes.Gzip(content) : content);
        var before = GC.GetAllocatedBytesForCurrentThread();

        Assert.Throws<DataInputException>(() => IdxReader.ReadImages(path));

        // Reading the header's 78.4 million pixels would allocate 313 MB of floats.
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 10_000_000);
    }

    [Fact]
    public void A_missing_file_is_named_in_the_error()
    {
        using var folder = new TempFolder();
        var path = folder.File("absent-idx3-ubyte.gz");

        var error = Assert.Throws<DataInputException>(() => IdxReader.ReadImages(path));

        AssertOneLine(error, path, "file not found");
    }

    [Fact]
    public void Reading_leaves_no_live_tensors_behind()
    {
        using var folder = new TempFolder();
        var path = folder.Write("i-idx3-ubyte.gz", IdxBytes.Gzip(IdxBytes.Images(5, 3, 3)));
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        IdxReader.ReadImages(path).Dispose();
        IdxReader.ReadLabels(folder.Write("l-idx1-ubyte", IdxBytes.Labels(1, 2))).Dispose();

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void The_vectorised_conversion_divides_every_byte_value_by_255_exactly()
    {
        // 256 values plus an odd tail, from an odd start, so both the vector loop and the scalar tail run.
        var source = Enumerable.Range(0, 300).Select(index => (byte)(index + 3)).ToArray();
        var destination = new float[299];

        PixelDecoder.Convert(source.AsSpan(1), destination);

        Assert.Equal(source.Skip(1).Select(value => value / 255f), destination);
    }

    internal static void AssertOneLine(Exception error, string file, string problem)
    {
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
