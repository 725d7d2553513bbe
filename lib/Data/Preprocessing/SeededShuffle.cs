namespace Autoencoders.Data.Preprocessing;

/// <summary>Seeded permutations of indices; the same seed gives the same order on every run.</summary>
internal static class SeededShuffle
{
    public static Random CreateRandom(long seed) => new(unchecked((int)seed ^ (int)(seed >>> 32)));

    public static long[] Permutation(long count, long seed)
    {
        var order = new long[count];
        for (var i = 0L; i < count; i++)
        {
            order[i] = i;
        }

        CreateRandom(seed).Shuffle(order);
        return order;
    }
}
