using System.Collections.ObjectModel;
using static TorchSharp.torch;

namespace Autoencoders.Data.Images;

/// <summary>
/// Image files in and out: finds PNG, JPEG and BMP files, reads them as the grayscale tensors the image models take
/// (values in [0, 1], 0 = black, 1 = white, as MNIST), and writes such tensors as 8-bit grayscale PNG files.
/// Decoding and encoding use SkiaSharp, which is loaded only when an image is read or written. A file that cannot be
/// used is a <see cref="DataInputException"/> whose one-line message starts with the file's path.
/// </summary>
public static class ImageFiles
{
    /// <summary>
    /// The SkiaSharp package version the library is built with: 2.88, the line TorchSharp itself depends on, so that a
    /// notebook kernel, which loads TorchSharp's SkiaSharp first, and the library agree.
    /// </summary>
    public const string SkiaSharpVersion = "2.88.9";

    /// <summary>
    /// How often <see cref="ReadAll"/> reports progress: after every this many files (and after the last one).
    /// </summary>
    public const int ProgressInterval = 20;

    private const string Formats = "a PNG, JPEG or BMP image";

    /// <summary>The file name extensions of the images this class reads, matched case-insensitively.</summary>
    public static ReadOnlyCollection<string> Extensions { get; } = Array.AsReadOnly([".png", ".jpg", ".jpeg", ".bmp"]);

    /// <summary>Whether the name of <paramref name="path"/> ends in one of the <see cref="Extensions"/>.</summary>
    public static bool HasImageExtension(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path);
        return Extensions.Any(known => string.Equals(known, extension, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The image files that <paramref name="path"/> names: an image file itself, or the image files directly inside
    /// a folder (not its subfolders), sorted by file name in ordinal order. Files of other types, and hidden files
    /// (names starting with a dot, such as the "._name.png" companions macOS leaves on shared drives), are skipped.
    /// </summary>
    /// <exception cref="DataInputException">
    /// The path does not exist, names a file without an image extension, or names a folder that holds no image file.
    /// </exception>
    public static IReadOnlyList<string> Find(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var extensions = string.Join(", ", Extensions);
        if (File.Exists(path))
        {
            return HasImageExtension(path)
                ? [path]
                : throw new DataInputException(
                    $"{path}: not an image file by its name; pass a file ending in {extensions}, or a folder of such files.");
        }

        if (!Directory.Exists(path))
        {
            throw new DataInputException($"{path}: no such file or folder; pass an image file ({extensions}) or a folder of them.");
        }

        string[] files;
        try
        {
            files = Directory.GetFiles(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new DataInputException($"{path}: the folder cannot be listed ({OneLine(error.Message)}); check its permissions.", error);
        }

        var images = files
            .Where(file => HasImageExtension(file) && !Path.GetFileName(file).StartsWith('.'))
            .OrderBy(Path.GetFileName, StringComparer.Ordinal)
            .ToArray();
        return images.Length > 0
            ? images
            : throw new DataInputException(
                $"{path}: the folder holds no image files ({extensions}; subfolders are not searched); put images in it or pass another folder.");
    }

    /// <summary>
    /// Reads a PNG, JPEG or BMP file as a float32 tensor of shape <c>(1, height, width)</c> with values in [0, 1]:
    /// decoded in any colour type (palette, grayscale, RGB, 16 bits per sample), with transparent parts composited
    /// over black (MNIST digits are white on black, so a transparent background reads as background), turned to
    /// luma with the Rec. 601 weights (0.299 R + 0.587 G + 0.114 B, on the stored values), stretched to
    /// <paramref name="height"/> x <paramref name="width"/> when its size differs (trilinear: downscaling averages the
    /// pixels each output pixel covers), and divided by 255 as the IDX reader does. A JPEG's EXIF orientation is
    /// applied, so the image is read upright as a viewer shows it. Values are read at 8 bits per sample.
    /// </summary>
    /// <exception cref="DataInputException">
    /// The file is missing or unreadable, or is not a decodable PNG, JPEG or BMP image (empty, truncated, another
    /// format, or larger than 100 megapixels).
    /// </exception>
    public static Tensor ReadGrayscale(string path, int height, int width)
    {
        CheckSize(height, width);
        var values = new float[height * width];
        Decode(path, height, width, values);
        return tensor(values, [1, height, width]);
    }

    /// <summary>
    /// Reads the files at <paramref name="paths"/> as in <see cref="ReadGrayscale"/>, into one float32 tensor of
    /// shape <c>(n, 1, height, width)</c> in the given order. <paramref name="progress"/> receives the number of files
    /// read so far after every <see cref="ProgressInterval"/> files and after the last one.
    /// </summary>
    /// <exception cref="DataInputException">The first file that cannot be read, as in <see cref="ReadGrayscale"/>.</exception>
    public static Tensor ReadAll(IReadOnlyList<string> paths, int height, int width, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        CheckSize(height, width);
        var size = height * width;
        if ((long)paths.Count * size > Array.MaxLength)
        {
            throw new DataInputException(
                $"{paths.Count:N0} images of {height}x{width} are more than {Array.MaxLength:N0} values, too many for one tensor; read them in smaller groups.");
        }

        var values = new float[paths.Count * size];
        for (var index = 0; index < paths.Count; index++)
        {
            Decode(paths[index], height, width, values.AsSpan(index * size, size));
            if ((index + 1) % ProgressInterval == 0 || index + 1 == paths.Count)
            {
                progress?.Report(index + 1);
            }
        }

        return tensor(values, [paths.Count, 1, height, width]);
    }

    /// <summary>
    /// Encodes a grayscale image tensor of shape <c>(1, height, width)</c> or <c>(height, width)</c> as an 8-bit
    /// grayscale PNG: values are clamped to [0, 1] (NaN counts as 0), multiplied by 255 and rounded, so an image
    /// read by <see cref="ReadGrayscale"/> comes back with the same pixels.
    /// </summary>
    public static byte[] EncodePng(Tensor image)
    {
        var (pixels, height, width) = ToPixels(image);
        return EncodePng(pixels, width, height);
    }

    /// <summary>Encodes 8-bit grayscale pixels, row by row (0 = black, 255 = white), as a PNG file's bytes.</summary>
    public static byte[] EncodePng(ReadOnlySpan<byte> pixels, int width, int height)
    {
        CheckSize(height, width);
        if (pixels.Length != (long)width * height)
        {
            throw new ArgumentException($"{pixels.Length} pixels do not make a {width}x{height} image.", nameof(pixels));
        }

        try
        {
            return SkiaImageCodec.EncodeGrayscalePng(pixels, width, height);
        }
        catch (Exception error) when (IsSkiaUnusable(error))
        {
            throw SkiaUnusable(error);
        }
    }

    /// <summary>
    /// Writes <paramref name="image"/> as <see cref="EncodePng(Tensor)"/> encodes it, creating the folder if needed.
    /// The file appears whole or not at all: it is written under a temporary name in the same folder, then renamed.
    /// </summary>
    /// <exception cref="IOException">The file or its folder cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its folder cannot be written.</exception>
    public static void WritePng(Tensor image, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var png = EncodePng(image);
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var temporary = $"{fullPath}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temporary, png);
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void Decode(string path, int height, int width, Span<float> destination)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] file;
        try
        {
            file = File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataInputException($"{path}: cannot be read as {Formats} (no such file); check the path.", error);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new DataInputException($"{path}: cannot be read as {Formats} ({OneLine(error.Message)}); check that it is a readable file.", error);
        }

        string? problem;
        try
        {
            problem = SkiaImageCodec.DecodeGrayscale(file, height, width, destination);
        }
        catch (Exception error) when (IsSkiaUnusable(error))
        {
            throw SkiaUnusable(error);
        }

        if (problem is not null)
        {
            throw new DataInputException(
                $"{path}: cannot be read as {Formats} ({problem}); save it again as PNG, JPEG or BMP, or remove it from the folder.");
        }
    }

    // SkiaSharp fails this way when it is missing, when its native library cannot be loaded (a notebook kernel gets
    // TorchSharp's SkiaSharp without the Linux library), or when the host loaded an incompatible version first.
    private static bool IsSkiaUnusable(Exception error) =>
        error is MissingMemberException or TypeLoadException or FileNotFoundException or FileLoadException or DllNotFoundException
            or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException;

    private static InvalidOperationException SkiaUnusable(Exception error) => new(
        $"SkiaSharp, which reads and writes images, cannot be used here ({error.GetType().Name}: {OneLine(error.Message)}); " +
        $"in a notebook on Linux, add #r \"nuget: SkiaSharp.NativeAssets.Linux.NoDependencies, {SkiaSharpVersion}\" beside TorchSharp-cpu " +
        "(which brings SkiaSharp itself but not its Linux library).",
        error);

    private static (byte[] Pixels, int Height, int Width) ToPixels(Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var shape = image.shape;
        var (height, width) = shape switch
        {
            [var rows, var columns] => (rows, columns),
            [1, var rows, var columns] => (rows, columns),
            _ => throw new ArgumentException($"An image tensor has shape (1, height, width) or (height, width), not ({string.Join(", ", shape)}).", nameof(image)),
        };
        if (!is_floating_point(image))
        {
            throw new ArgumentException($"An image tensor holds floating-point values in [0, 1], not {image.dtype}.", nameof(image));
        }

        CheckSize(height, width);
        using var scope = NewDisposeScope();
        var pixels = image.detach().cpu().to_type(ScalarType.Float32).nan_to_num(0, 1, 0).clamp(0, 1).mul(255).round()
            .to_type(ScalarType.Byte).contiguous().data<byte>().ToArray();
        return (pixels, (int)height, (int)width);
    }

    private static void CheckSize(long height, long width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (height * width > SkiaImageCodec.MaxPixels)
        {
            throw new ArgumentOutOfRangeException(nameof(height), $"{height}x{width} is more than {SkiaImageCodec.MaxPixels:N0} pixels.");
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
