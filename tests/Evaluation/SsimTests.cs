using Autoencoders.Evaluation;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Evaluation;

public class SsimTests
{
    [Fact]
    public void Ssim_of_identical_images_is_1()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(1);
        var images = rand([3, 2, 16, 16], generator: generator);

        var ssim = Ssim.PerImage(images, images).data<double>().ToArray();

        Assert.All(ssim, value => Assert.Equal(1.0, value, 1e-12));
    }

    [Fact]
    public void Ssim_against_a_shifted_or_noisy_image_is_below_1_and_symmetric()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(2);
        var images = rand([2, 1, 20, 20], generator: generator) * 0.8;
        var shifted = images + 0.2;
        var noisy = (images + 0.1 * randn([2, 1, 20, 20], generator: generator)).clamp(0, 1);

        foreach (var other in new[] { shifted, noisy })
        {
            var forward = Ssim.PerImage(images, other).data<double>().ToArray();
            var backward = Ssim.PerImage(other, images).data<double>().ToArray();

            Assert.All(forward, value => Assert.InRange(value, -1.0, 0.999));
            Assert.Equal(forward, backward);
        }
    }

    [Fact]
    public void Ssim_agrees_with_a_direct_loop_over_the_valid_windows()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        var x = rand([1, 2, 13, 14], generator: generator, dtype: ScalarType.Float64);
        var y = (x * 0.7 + 0.3 * rand([1, 2, 13, 14], generator: generator, dtype: ScalarType.Float64)).clamp(0, 1);

        var expected = DirectSsim(To3D(x), To3D(y));

        // float64 on both sides; the separable filter and the loop differ only in summation order (measured 3e-16).
        Assert.Equal(expected, Ssim.Mean(x, y), 1e-12);
    }

    [Fact]
    public void Images_smaller_than_the_window_or_not_4d_are_refused()
    {
        using var scope = NewDisposeScope();

        Assert.Throws<ArgumentException>(() => Ssim.PerImage(zeros(1, 1, 10, 20), zeros(1, 1, 10, 20)));
        Assert.Throws<ArgumentException>(() => Ssim.PerImage(zeros(1, 400), zeros(1, 400)));
    }

    private static double[,,] To3D(Tensor image)
    {
        var (c, h, w) = ((int)image.shape[1], (int)image.shape[2], (int)image.shape[3]);
        var values = image.data<double>().ToArray();
        var result = new double[c, h, w];
        for (var i = 0; i < values.Length; i++)
        {
            result[i / (h * w), i / w % h, i % w] = values[i];
        }

        return result;
    }

    // Wang et al. 2004, eq. 13 with Gaussian-weighted local statistics (eqs. 14-16, population form), written
    // independently of the library: weights from the formula, one loop per window position.
    private static double DirectSsim(double[,,] x, double[,,] y)
    {
        const int size = 11;
        const double sigma = 1.5, c1 = 0.01 * 0.01, c2 = 0.03 * 0.03;
        var weights = new double[size, size];
        var total = 0.0;
        for (var i = 0; i < size; i++)
        {
            for (var j = 0; j < size; j++)
            {
                weights[i, j] = Math.Exp(-((i - 5) * (i - 5) + (j - 5) * (j - 5)) / (2 * sigma * sigma));
                total += weights[i, j];
            }
        }

        var sum = 0.0;
        var count = 0;
        for (var c = 0; c < x.GetLength(0); c++)
        {
            for (var top = 0; top + size <= x.GetLength(1); top++)
            {
                for (var left = 0; left + size <= x.GetLength(2); left++)
                {
                    double mx = 0, my = 0;
                    for (var i = 0; i < size; i++)
                    {
                        for (var j = 0; j < size; j++)
                        {
                            mx += weights[i, j] / total * x[c, top + i, left + j];
                            my += weights[i, j] / total * y[c, top + i, left + j];
                        }
                    }

                    double vx = 0, vy = 0, cxy = 0;
                    for (var i = 0; i < size; i++)
                    {
                        for (var j = 0; j < size; j++)
                        {
                            var w = weights[i, j] / total;
                            var dx = x[c, top + i, left + j] - mx;
                            var dy = y[c, top + i, left + j] - my;
                            vx += w * dx * dx;
                            vy += w * dy * dy;
                            cxy += w * dx * dy;
                        }
                    }

                    sum += (2 * mx * my + c1) * (2 * cxy + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
                    count++;
                }
            }
        }

        return sum / count;
    }
}
