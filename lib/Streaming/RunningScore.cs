namespace Autoencoders.Streaming;

/// <summary>
/// Turns a stream of reconstruction errors into anomaly scores in [0, 1] using only the past: the mean of the last
/// few errors is compared with the mean and spread of every earlier error (Welford's running moments), and the
/// z-score is mapped monotonically into (0, 1). Constant memory. NAB's threshold sweep depends only on the order of
/// the scores, and a z-score against a file's own history puts every file on one scale, so one threshold fits all.
/// </summary>
public sealed class RunningScore
{
    private readonly double[] recent;
    private readonly double[] recentZ;
    private int nextZ;
    private int filled;
    private int next;
    private long count;
    private double mean;
    private double squares;

    /// <summary>
    /// Creates a scorer that averages the last <paramref name="shortTerm"/> errors and, with
    /// <paramref name="suppress"/> &gt; 0, ranks a row high only when its z-score exceeds those of the rows before it
    /// (NAB counts one detection per window and every false positive apart, so the rows after a peak add only cost).
    /// </summary>
    public RunningScore(int shortTerm, int suppress = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shortTerm, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(suppress, 0);
        recent = new double[shortTerm];
        recentZ = new double[suppress];
        Array.Fill(recentZ, double.NegativeInfinity);
    }

    /// <summary>Adds an error to the history without scoring it (the probationary period).</summary>
    public void Learn(double error)
    {
        Remember(error);
        Update(error);
    }

    /// <summary>The score of a new error against the history before it; then the error joins the history.</summary>
    public double Score(double error)
    {
        Remember(error);
        var shortMean = 0.0;
        for (var i = 0; i < filled; i++)
        {
            shortMean += recent[i];
        }

        shortMean /= filled;
        var spread = count > 1 ? Math.Sqrt(squares / (count - 1)) : 0;
        // A flat history (a constant series learnt perfectly) still ranks a new error above it.
        var z = (shortMean - mean) / Math.Max(spread, 1e-9 + (1e-6 * Math.Abs(mean)));
        Update(error);
        if (recentZ.Length == 0)
        {
            return ToUnit(z);
        }

        var peak = recentZ.Max();
        recentZ[nextZ] = z;
        nextZ = (nextZ + 1) % recentZ.Length;
        // Below an earlier peak the row says nothing new: it ranks under every row that does.
        return z > peak ? ToUnit(z) : ToUnit(Math.Min(z, 0) - peak) * 0.5;
    }

    /// <summary>A strictly increasing map of the real line onto (0, 1): 0.5 (1 + z / (1 + |z|)), never saturating as a normal CDF does.</summary>
    public static double ToUnit(double z) => double.IsNaN(z) ? 0.5 : 0.5 * (1 + (z / (1 + Math.Abs(z))));

    private void Remember(double error)
    {
        recent[next] = error;
        next = (next + 1) % recent.Length;
        filled = Math.Min(filled + 1, recent.Length);
    }

    private void Update(double error)
    {
        count++;
        var delta = error - mean;
        mean += delta / count;
        squares += delta * (error - mean);
    }
}
