using System.Runtime.CompilerServices;
using Clickcast.Diagnostics;
using Clickcast.Events;
using Clickcast.Sequences;

namespace Clickcast.Scoring;

/// <summary>
/// Puts predictions in client order (<see cref="SequenceOrder.CompareClients"/>) without holding them: sorted runs of
/// at most <see cref="RunRows"/> rows go to temporary predictions files, merged in one streaming pass. Used once per
/// current-scores file written before they were kept in client order, so that the next incremental run merges them.
/// Memory: one run's rows, then one row per run file. Each client is hashed once: a run's hashes, computed for its
/// sort, are kept beside its file (8 bytes a row) and read back at the merge.
/// </summary>
public static class PredictionSort
{
    /// <summary>Rows per sorted run.</summary>
    public const int RunRows = 1 << 20;

    private const int HashBufferBytes = 1 << 16;

    /// <summary><paramref name="rows"/> in client order; <paramref name="runRows"/> rows per sorted run (tests use small runs).</summary>
    public static async IAsyncEnumerable<Prediction> SortAsync(IAsyncEnumerable<Prediction> rows, LargeObjectCompaction? compaction, int runRows = RunRows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(runRows, 1);
        var folder = Path.Combine(Path.GetTempPath(), "clickcast-sort-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var runs = new List<string>();
            var run = new List<(ulong Hash, Prediction Row)>();
            await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                run.Add((ClientHash.Of(row.ClientId), row));
                if (run.Count == runRows)
                {
                    runs.Add(await WriteRunAsync(folder, runs.Count, run, compaction, cancellationToken).ConfigureAwait(false));
                }
            }

            if (run.Count > 0 || runs.Count == 0)
            {
                runs.Add(await WriteRunAsync(folder, runs.Count, run, compaction, cancellationToken).ConfigureAwait(false));
            }

            await foreach (var row in MergeAsync(runs, compaction, cancellationToken).ConfigureAwait(false))
            {
                yield return row;
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> WriteRunAsync(string folder, int index, List<(ulong Hash, Prediction Row)> run, LargeObjectCompaction? compaction, CancellationToken cancellationToken)
    {
        run.Sort((a, b) => SequenceOrder.CompareClients(a.Hash, a.Row.ClientId, b.Hash, b.Row.ClientId));
        var path = Path.Combine(folder, $"run-{index:D5}{PredictionFile.Extension}");
        await using (var writer = await PredictionFileWriter.CreateAsync(path, compaction, cancellationToken).ConfigureAwait(false))
        await using (var hashes = new BinaryWriter(new FileStream(HashesOf(path), FileMode.CreateNew, FileAccess.Write, FileShare.None, HashBufferBytes)))
        {
            foreach (var (hash, row) in run)
            {
                await writer.AddAsync(row, cancellationToken).ConfigureAwait(false);
                hashes.Write(hash);
            }
        }

        run.Clear();
        return path;
    }

    /// <summary>The file beside a run that holds its rows' client hashes, in the run's order.</summary>
    private static string HashesOf(string runPath) => runPath + ".hashes";

    private static async IAsyncEnumerable<Prediction> MergeAsync(List<string> runs, LargeObjectCompaction? compaction, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var readers = runs.Select(path => PredictionFileReader.ReadAsync(path, compaction, cancellationToken).GetAsyncEnumerator(cancellationToken)).ToList();
        var hashes = runs.ConvertAll(path => new BinaryReader(new FileStream(HashesOf(path), FileMode.Open, FileAccess.Read, FileShare.Read, HashBufferBytes, FileOptions.SequentialScan)));
        var heads = new PriorityQueue<int, (ulong Hash, string Id)>(Comparer<(ulong Hash, string Id)>.Create((a, b) => SequenceOrder.CompareClients(a.Hash, a.Id, b.Hash, b.Id)));
        try
        {
            for (var i = 0; i < readers.Count; i++)
            {
                if (await readers[i].MoveNextAsync().ConfigureAwait(false))
                {
                    heads.Enqueue(i, (hashes[i].ReadUInt64(), readers[i].Current.ClientId));
                }
            }

            while (heads.TryDequeue(out var i, out _))
            {
                yield return readers[i].Current;
                if (await readers[i].MoveNextAsync().ConfigureAwait(false))
                {
                    heads.Enqueue(i, (hashes[i].ReadUInt64(), readers[i].Current.ClientId));
                }
            }
        }
        finally
        {
            hashes.ForEach(h => h.Dispose());
            foreach (var reader in readers)
            {
                await reader.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
