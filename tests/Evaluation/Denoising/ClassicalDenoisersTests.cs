using Autoencoders.Data;
using Autoencoders.Evaluation;
using Autoencoders.Evaluation.Denoising;
using Autoencoders.Tests.Support;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Evaluation.Denoising;

public class ClassicalDenoisersTests
{
    [OpenCvFact]
    public void Every_classical_denoiser_raises_the_psnr_of_noisy_digits()
    {
        using var scope = NewDisposeScope();
        using var digits = Datasets.Load(Datasets.Digits);
        var clean = digits.TestFeatures.narrow(0, 0, 50);
        var noisy = new ImageNoise(NoiseKind.Gaussian, 0.5, Seed: 1).Apply(clean);
        var noisyPsnr = SampleMetrics.Psnr(noisy, clean).mean().item<double>();

        foreach (var (method, parameter) in new[] { (ClassicalMethod.GaussianBlur, 1.0), (ClassicalMethod.Median, 3.0), (ClassicalMethod.NonLocalMeans, 60.0) })
        {
            var denoised = ClassicalDenoisers.Apply(method, parameter, noisy);
            var psnr = SampleMetrics.Psnr(denoised, clean).mean().item<double>();

            Assert.Equal(clean.shape, denoised.shape);
            Assert.True(psnr > noisyPsnr + 2, $"{method}: {psnr:F2} dB against the noisy input's {noisyPsnr:F2} dB");
        }
    }

    [OpenCvFact]
    public void The_median_removes_a_lone_salt_pixel_exactly_and_a_blur_keeps_a_flat_image_flat()
    {
        using var scope = NewDisposeScope();
        var flat = full(2, 3, 12, 12, 0.25f);
        var salted = flat.clone();
        salted[1, 2, 5, 7] = tensor(1f);

        Assert.True(ClassicalDenoisers.Apply(ClassicalMethod.Median, 3, salted).eq(flat).all().item<bool>());
        // Normalised kernel weights sum to 1 in float32: a flat image stays flat up to float32 rounding.
        Assert.True(ClassicalDenoisers.Apply(ClassicalMethod.GaussianBlur, 1.5, flat).sub(0.25f).abs().max().item<float>() < 1e-6f);
        // 0.25 is 63.75 on the 0-255 scale, rounded to 64 before non-local means, which keeps a flat image flat.
        Assert.True(ClassicalDenoisers.Apply(ClassicalMethod.NonLocalMeans, 30, flat).eq(64f / 255f).all().item<bool>());
    }

    [Fact]
    public void Parameters_opencv_cannot_use_and_inputs_that_are_not_images_are_refused()
    {
        using var scope = NewDisposeScope();
        var images = zeros(1, 1, 8, 8);

        Assert.Throws<ArgumentException>(() => ClassicalDenoisers.Apply(ClassicalMethod.Median, 7, images));
        Assert.Throws<ArgumentException>(() => ClassicalDenoisers.Apply(ClassicalMethod.GaussianBlur, 0, images));
        Assert.Throws<ArgumentException>(() => ClassicalDenoisers.Apply(ClassicalMethod.GaussianBlur, 1, zeros(8, 8)));
    }

    [OpenCvFact]
    public void The_explicit_gaussian_kernel_is_the_one_opencv_chooses_itself_for_float_images()
    {
        using var scope = NewDisposeScope();
        // An impulse in the middle of a 31×31 image shows the whole kernel; OpenCV sizes it itself when given Size(0, 0).
        var impulse = zeros(1, 1, 31, 31);
        impulse[0, 0, 15, 15] = tensor(1f);
        var pixels = impulse.data<float>().ToArray();

        foreach (var sigma in ClassicalDenoisers.Candidates(ClassicalMethod.GaussianBlur))
        {
            using var source = OpenCvSharp.Mat.FromPixelData(31, 31, OpenCvSharp.MatType.CV_32FC1, pixels);
            using var automatic = new OpenCvSharp.Mat();
            OpenCvSharp.Cv2.GaussianBlur(source, automatic, new OpenCvSharp.Size(0, 0), sigma, sigma, OpenCvSharp.BorderTypes.Reflect101);
            automatic.GetArray(out float[] expected);

            Assert.Equal(expected, ClassicalDenoisers.Apply(ClassicalMethod.GaussianBlur, sigma, impulse).data<float>().ToArray());
        }
    }
}
