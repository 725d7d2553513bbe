using System.Globalization;
using OpenCvSharp;
using static TorchSharp.torch;

namespace Autoencoders.Evaluation.Denoising;

/// <summary>The classical denoisers an autoencoder is compared with, each with one parameter tuned on validation images.</summary>
public enum ClassicalMethod
{
    /// <summary>OpenCV <c>GaussianBlur</c> on float32 images; parameter σ in pixels.</summary>
    GaussianBlur,

    /// <summary>OpenCV <c>medianBlur</c> on float32 images; parameter the square kernel's side (3 or 5: OpenCV's limit for float32).</summary>
    Median,

    /// <summary>OpenCV <c>fastNlMeansDenoising</c> on the images rounded to 8 bits; parameter h on the 0–255 scale.</summary>
    NonLocalMeans,
}

/// <summary>
/// Classical denoisers through OpenCV (OpenCvSharp4), applied to every channel of images <c>(n, c, h, w)</c> with values
/// in [0, 1] independently. The exact OpenCV calls, and what they correspond to in scikit-image (tools/denoise-check.py),
/// are in docs/denoising.md.
/// </summary>
public static class ClassicalDenoisers
{
    /// <summary>Side of the patches non-local means compares (OpenCV's default).</summary>
    public const int NonLocalMeansTemplate = 7;

    /// <summary>Side of the window non-local means searches for similar patches (OpenCV's default).</summary>
    public const int NonLocalMeansSearch = 21;

    private static readonly Lazy<string?> LoadProblem = new(TryLoad);

    /// <summary>Every method, in report order.</summary>
    public static IReadOnlyList<ClassicalMethod> All { get; } = Enum.GetValues<ClassicalMethod>();

    /// <summary>
    /// Null when OpenCV's native library loads; otherwise one line saying why not and how to fix it (on Debian the
    /// official runtime needs GTK 3: <c>apt-get install libgtk-3-0</c>).
    /// </summary>
    public static string? Unavailable => LoadProblem.Value;

    /// <summary>The parameter values tried on validation images, smallest (least smoothing) first.</summary>
    public static IReadOnlyList<double> Candidates(ClassicalMethod method) => method switch
    {
        ClassicalMethod.GaussianBlur => [0.5, 0.6, 0.75, 0.9, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0],
        ClassicalMethod.Median => [3, 5],
        ClassicalMethod.NonLocalMeans => [5, 10, 15, 20, 30, 40, 50, 60, 70, 80, 100, 130],
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown method"),
    };

    /// <summary>The report name of a method: <c>gaussian blur</c>, <c>median filter</c>, <c>non-local means</c>.</summary>
    public static string NameOf(ClassicalMethod method) => method switch
    {
        ClassicalMethod.GaussianBlur => "gaussian blur",
        ClassicalMethod.Median => "median filter",
        ClassicalMethod.NonLocalMeans => "non-local means",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown method"),
    };

    /// <summary>What a method's parameter is: <c>sigma</c>, <c>kernel</c> or <c>h</c>.</summary>
    public static string ParameterOf(ClassicalMethod method) => method switch
    {
        ClassicalMethod.GaussianBlur => "sigma",
        ClassicalMethod.Median => "kernel",
        ClassicalMethod.NonLocalMeans => "h",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown method"),
    };

    /// <summary>
    /// The Gaussian kernel's radius for σ: OpenCV's own choice for float images (side <c>cvRound(8σ + 1) | 1</c>,
    /// smooth.dispatch.cpp), passed explicitly so that scipy's <c>truncate = radius / σ</c> gives the same kernel.
    /// </summary>
    public static int GaussianRadius(double sigma) => ((int)Math.Round((8 * sigma) + 1, MidpointRounding.ToEven) | 1) / 2;

    /// <summary>
    /// Denoises <paramref name="images"/> <c>(n, c, h, w)</c> with values in [0, 1]: a new float32 CPU tensor of the same
    /// shape; the input is untouched.
    /// </summary>
    /// <exception cref="ArgumentException">Not 4-D, or a parameter OpenCV cannot use.</exception>
    /// <exception cref="InvalidOperationException">OpenCV's native library does not load (<see cref="Unavailable"/>).</exception>
    public static Tensor Apply(ClassicalMethod method, double parameter, Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4)
        {
            throw new ArgumentException($"classical denoisers take images (n, channels, height, width); got [{string.Join(", ", images.shape)}]", nameof(images));
        }

        Check(method, parameter);
        if (Unavailable is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var (height, width) = ((int)images.shape[2], (int)images.shape[3]);
        float[] values;
        using (var scope = NewDisposeScope())
        {
            values = images.to_type(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        }

        var plane = height * width;
        var output = new float[values.Length];
        for (var start = 0; start < values.Length; start += plane)
        {
            var denoised = Plane(method, parameter, values.AsSpan(start, plane).ToArray(), height, width);
            denoised.CopyTo(output, start);
        }

        return tensor(output, images.shape, dtype: ScalarType.Float32);
    }

    private static void Check(ClassicalMethod method, double parameter)
    {
        var valid = method switch
        {
            ClassicalMethod.GaussianBlur => parameter > 0 && double.IsFinite(parameter),
            ClassicalMethod.Median => parameter is 3 or 5,
            ClassicalMethod.NonLocalMeans => parameter > 0 && parameter <= 10_000,
            _ => false,
        };
        if (!valid)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{NameOf(method)} cannot use {ParameterOf(method)} = {parameter} (sigma > 0; median kernel 3 or 5, OpenCV's limit for float images; 0 < h ≤ 10000)"), nameof(parameter));
        }
    }

    private static float[] Plane(ClassicalMethod method, double parameter, float[] pixels, int height, int width)
    {
        if (method == ClassicalMethod.NonLocalMeans)
        {
            // fastNlMeansDenoising takes 8-bit images only: round half to even, as numpy's rint does in the check script.
            var bytes = pixels.Select(value => (byte)Math.Round(Math.Clamp((double)value, 0, 1) * 255, MidpointRounding.ToEven)).ToArray();
            using var source8 = Mat.FromPixelData(height, width, MatType.CV_8UC1, bytes);
            using var result8 = new Mat();
            Cv2.FastNlMeansDenoising(source8, result8, (float)parameter, NonLocalMeansTemplate, NonLocalMeansSearch);
            result8.GetArray(out byte[] denoised8);
            return [.. denoised8.Select(value => value / 255f)];
        }

        using var source = Mat.FromPixelData(height, width, MatType.CV_32FC1, pixels);
        using var result = new Mat();
        if (method == ClassicalMethod.GaussianBlur)
        {
            var side = (2 * GaussianRadius(parameter)) + 1;
            Cv2.GaussianBlur(source, result, new OpenCvSharp.Size(side, side), parameter, parameter, BorderTypes.Reflect101);
        }
        else
        {
            Cv2.MedianBlur(source, result, (int)parameter);
        }

        result.GetArray(out float[] denoised);
        return denoised;
    }

    private static string? TryLoad()
    {
        try
        {
            _ = OpenCvVersion();
            return null;
        }
        catch (FileNotFoundException error) when (error.FileName?.StartsWith("OpenCvSharp", StringComparison.Ordinal) == true)
        {
            // A host that loads this library by path (a notebook's #r "Autoencoders.dll") has not loaded OpenCvSharp.
            return "OpenCvSharp is not loaded: reference the packages OpenCvSharp4 and OpenCvSharp4.official.runtime.linux-x64 4.13.0.20261107 (in a notebook: #r \"nuget: OpenCvSharp4, 4.13.0.20261107\" and the runtime)";
        }
        catch (Exception error) when (error is TypeInitializationException or DllNotFoundException or BadImageFormatException)
        {
            var inner = error.InnerException ?? error;
            var missing = inner.Message.Contains("libgtk-3", StringComparison.Ordinal) ? " (libgtk-3.so.0 is missing: apt-get install libgtk-3-0)" : "";
            return $"OpenCV's native library (OpenCvSharpExtern, from OpenCvSharp4.official.runtime.linux-x64) did not load{missing}; on Debian/Ubuntu: apt-get install libgtk-3-0";
        }
    }

    // Its own method, not inlined: a missing OpenCvSharp assembly then fails when this is compiled, inside TryLoad's try.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static string? OpenCvVersion() => Cv2.GetVersionString();
}
