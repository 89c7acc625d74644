using System.Buffers.Binary;
using Clickcast.Storage;

namespace Clickcast.Scoring;

/// <summary>
/// A shard's probabilities sorted ascending, as raw little-endian doubles (8 bytes a client): a full sharded run
/// writes one per shard, and the commit merges them in one streaming pass into the exact quantiles of everyone
/// (<see cref="ScoreDistribution.OfSorted"/>), holding one small buffer per shard, never the scores.
/// </summary>
public static class SortedProbabilities
{
    private const int BufferBytes = 16 * 1024;

    /// <summary>Sorts <paramref name="probabilities"/> and writes them to <paramref name="key"/>.</summary>
    public static Task WriteAsync(IObjectStore store, string key, IEnumerable<double> probabilities, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        return WriteSortedAsync(store, key, probabilities.Order().ToArray(), cancellationToken);
    }

    /// <summary>
    /// Writes <paramref name="ascending"/>, already sorted (e.g. <see cref="ScoreSpill.Sorted"/>), to
    /// <paramref name="key"/> as it streams by: memory holds a write buffer, not the values.
    /// </summary>
    /// <exception cref="ArgumentException">A value is below the one before it.</exception>
    public static async Task WriteSortedAsync(IObjectStore store, string key, IEnumerable<double> ascending, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(ascending);
        var path = ScratchSpace.Process.NewPath("sorted");
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferBytes))
            {
                var bytes = new byte[8];
                var last = double.NegativeInfinity;
                foreach (var value in ascending)
                {
                    if (value < last)
                    {
                        throw new ArgumentException($"The probabilities are not ascending: {value} follows {last}.", nameof(ascending));
                    }

                    last = value;
                    BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
                    file.Write(bytes);
                }
            }

            await store.PutFileAsync(key, path, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The exact distribution of every value in the sorted files at <paramref name="keys"/> (<paramref name="count"/> values in all).</summary>
    public static async Task<ScoreDistribution> MergeAsync(IObjectStore store, IReadOnlyList<string> keys, long count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(keys);
        var copies = new List<LocalCopy>(keys.Count);
        try
        {
            foreach (var key in keys)
            {
                copies.Add(await store.GetLocalCopyAsync(key, cancellationToken).ConfigureAwait(false));
            }

            return ScoreDistribution.OfSorted(Merge(copies.ConvertAll(c => c.Path)), count);
        }
        finally
        {
            copies.ForEach(c => c.Dispose());
        }
    }

    /// <summary>The values of sorted local files, merged in ascending order.</summary>
    internal static IEnumerable<double> Merge(List<string> paths)
    {
        var readers = paths.ConvertAll(p => new FileStream(p, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.SequentialScan));
        try
        {
            var heads = new PriorityQueue<int, double>(readers.Count);
            var bytes = new byte[8];
            for (var i = 0; i < readers.Count; i++)
            {
                if (TryRead(readers[i], bytes, out var value))
                {
                    heads.Enqueue(i, value);
                }
            }

            while (heads.TryDequeue(out var i, out var value))
            {
                yield return value;
                if (TryRead(readers[i], bytes, out var next))
                {
                    heads.Enqueue(i, next);
                }
            }
        }
        finally
        {
            readers.ForEach(r => r.Dispose());
        }
    }

    private static bool TryRead(FileStream stream, byte[] bytes, out double value)
    {
        var read = stream.ReadAtLeast(bytes, 8, throwOnEndOfStream: false);
        value = read == 8 ? BinaryPrimitives.ReadDoubleLittleEndian(bytes) : 0;
        return read == 8;
    }
}
