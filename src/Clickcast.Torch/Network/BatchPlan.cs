namespace Clickcast.Torch.Network;

/// <summary>Which examples go into which training batch, and in what order the batches run, for one epoch.</summary>
internal static class BatchPlan
{
    /// <summary>
    /// Length-bucketed batches: examples sorted by length (ties in random order) and cut into batches, so a batch
    /// holds chains of about the same length and carries little padding; the batch order is then shuffled so the
    /// epoch does not run from short to long. Measured about 4x faster than random batches on clickstream lengths.
    /// </summary>
    public static List<int[]> Bucketed(IReadOnlyList<int> lengths, int batchSize, Random random)
    {
        var rows = Shuffled(lengths.Count, random);
        var keys = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            keys[i] = lengths[rows[i]];
        }

        // Array.Sort is unstable but deterministic, so rows of equal length end up in an order set by the shuffle:
        // different each epoch, the same for the same seed.
        Array.Sort(keys, rows);
        var batches = Cut(rows, batchSize);
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(batches));
        return batches;
    }

    /// <summary>Batches of randomly chosen examples (the usual scheme; kept to measure bucketing against).</summary>
    public static List<int[]> Unbucketed(int count, int batchSize, Random random) => Cut(Shuffled(count, random), batchSize);

    private static int[] Shuffled(int count, Random random)
    {
        var rows = new int[count];
        for (var i = 0; i < count; i++)
        {
            rows[i] = i;
        }

        random.Shuffle(rows);
        return rows;
    }

    private static List<int[]> Cut(int[] rows, int batchSize)
    {
        var batches = new List<int[]>((rows.Length + batchSize - 1) / batchSize);
        for (var start = 0; start < rows.Length; start += batchSize)
        {
            batches.Add(rows[start..Math.Min(rows.Length, start + batchSize)]);
        }

        return batches;
    }
}
