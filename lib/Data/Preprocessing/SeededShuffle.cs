namespace Autoencoders.Data.Preprocessing;

/// <summary>A System.Random from a 64-bit seed; the same seed gives the same sequence on every run.</summary>
internal static class SeededShuffle
{
    public static Random CreateRandom(long seed) => new(unchecked((int)seed ^ (int)(seed >>> 32)));
}
