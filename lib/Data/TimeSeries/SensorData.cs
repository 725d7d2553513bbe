using System.Globalization;
using System.Text;

namespace Autoencoders.Data.TimeSeries;

/// <summary>
/// Makes the example time series shipped as <c>data/sensors.csv</c>: three sensor-like channels (sine mixtures plus
/// seeded Gaussian noise) with a few short labelled anomalies: spikes, level shifts and frequency changes. Columns:
/// <c>time,temperature,pressure,vibration,anomaly</c>; <c>anomaly</c> is 1 on every step inside an injected anomaly.
/// The same seed and length always give the same text, byte for byte.
/// </summary>
public static class SensorData
{
    /// <summary>Steps in the shipped file.</summary>
    public const int DefaultSteps = 5000;

    /// <summary>Seed of the shipped file.</summary>
    public const long DefaultSeed = 3;

    /// <summary>Column names, in file order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["time", "temperature", "pressure", "vibration", "anomaly"];

    private const int Channels = 3;
    private const double NoiseLevel = 0.05;

    /// <summary>The CSV text: a header line, then one line per step, each ending in <c>\n</c>.</summary>
    /// <param name="steps">Length of the series, at least 100.</param>
    /// <param name="seed">Seed of the noise and of where the anomalies go.</param>
    public static string ToCsv(int steps = DefaultSteps, long seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 100);
        // System.Random rather than torch: the committed file must stay byte for byte what this code gives.
        var random = new Random(unchecked((int)seed ^ (int)(seed >>> 32)));
        var anomalies = PlanAnomalies(steps, random);
        var text = new StringBuilder(steps * 40);
        text.Append(string.Join(',', Columns)).Append('\n');
        for (var t = 0; t < steps; t++)
        {
            text.Append(t.ToString(CultureInfo.InvariantCulture));
            for (var channel = 0; channel < Channels; channel++)
            {
                var value = Clean(channel, t, anomalies) + (NoiseLevel * Gaussian(random));
                text.Append(',').Append(value.ToString("F4", CultureInfo.InvariantCulture));
            }

            text.Append(',').Append(anomalies.Any(anomaly => anomaly.Covers(t)) ? '1' : '0').Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// Writes <see cref="ToCsv"/>'s text to <paramref name="path"/> through a temporary file in the same folder,
    /// renamed over the target only when complete, so a failure never leaves a half-written file.
    /// </summary>
    /// <param name="path">Where to write, e.g. <c>data/sensors.csv</c>.</param>
    /// <param name="steps">Length of the series.</param>
    /// <param name="seed">Seed of the noise and the anomalies.</param>
    public static void Write(string path, int steps = DefaultSteps, long seed = DefaultSeed)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var text = ToCsv(steps, seed);
        IO.AtomicFile.WriteAllText(path, text);
    }

    /// <summary>The noiseless signal of one channel at step <paramref name="t"/>, anomalies included.</summary>
    private static double Clean(int channel, int t, Anomaly[] anomalies)
    {
        var speed = 1.0;
        var shift = 0.0;
        foreach (var anomaly in anomalies.Where(anomaly => anomaly.Channel == channel && anomaly.Covers(t)))
        {
            switch (anomaly.Kind)
            {
                case AnomalyKind.Spike:
                    shift += 3.0;
                    break;
                case AnomalyKind.LevelShift:
                    shift += 1.2;
                    break;
                case AnomalyKind.FrequencyChange:
                    speed = 3.0;
                    break;
            }
        }

        var phase = 2 * Math.PI * t * speed;
        var signal = channel switch
        {
            0 => Math.Sin(phase / 100) + (0.3 * Math.Sin(phase / 23)),
            1 => (0.8 * Math.Sin((phase / 160) + 1.0)) + (0.4 * Math.Sin(phase / 37)),
            _ => 0.6 * Math.Sin(phase / 50) * (1 + (0.3 * Math.Sin(2 * Math.PI * t / 700))),
        };
        return signal + shift;
    }

    /// <summary>
    /// One anomaly per slot of about 600 steps after the first 10% (left clean), cycling through the kinds, each at
    /// a seeded place and on a seeded channel.
    /// </summary>
    private static Anomaly[] PlanAnomalies(int steps, Random random)
    {
        var first = steps / 10;
        var count = Math.Max(1, (steps - first) / 600);
        var slot = (steps - first) / count;
        var anomalies = new Anomaly[count];
        for (var i = 0; i < count; i++)
        {
            var kind = (AnomalyKind)(i % 3);
            var length = kind switch
            {
                AnomalyKind.Spike => random.Next(1, 4),
                AnomalyKind.LevelShift => random.Next(30, 61),
                _ => random.Next(40, 81),
            };
            var start = first + (i * slot) + random.Next(0, Math.Max(1, slot - length));
            anomalies[i] = new Anomaly(kind, random.Next(Channels), start, Math.Min(length, steps - start));
        }

        return anomalies;
    }

    /// <summary>A standard normal draw (Box–Muller), so the noise depends only on the seed, not on a library.</summary>
    private static double Gaussian(Random random)
    {
        var u = 1.0 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    private enum AnomalyKind
    {
        Spike,
        LevelShift,
        FrequencyChange,
    }

    private readonly record struct Anomaly(AnomalyKind Kind, int Channel, int Start, int Length)
    {
        public bool Covers(int t) => t >= Start && t < Start + Length;
    }
}
