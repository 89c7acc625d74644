using System.Runtime.CompilerServices;
using Clickcast.Diagnostics;
using Clickcast.Events;
using Clickcast.Sequences;
using Clickcast.Storage;

namespace Clickcast.Scoring;

/// <summary>
/// Puts predictions in client order (<see cref="SequenceOrder.CompareClients"/>) without holding them: sorted runs of
/// at most <see cref="RunRows"/> rows go to temporary predictions files, merged in one streaming pass. Used once per
/// current-scores file written before they were kept in client order, so that the next incremental run merges them.
/// Memory: one run's rows, then one row per run file.
/// </summary>
public static class PredictionSort
{
    /// <summary>Rows per sorted run.</summary>
    public const int RunRows = 1 << 20;

    /// <summary><paramref name="rows"/> in client order; <paramref name="runRows"/> rows per sorted run (tests use small runs).</summary>
    public static async IAsyncEnumerable<Prediction> SortAsync(IAsyncEnumerable<Prediction> rows, LargeObjectCompaction? compaction, int runRows = RunRows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(runRows, 1);
        var folder = ScratchSpace.Process.CreateFolder("sort");
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
        {
            foreach (var (_, row) in run)
            {
                await writer.AddAsync(row, cancellationToken).ConfigureAwait(false);
            }
        }

        run.Clear();
        return path;
    }

    private static async IAsyncEnumerable<Prediction> MergeAsync(List<string> runs, LargeObjectCompaction? compaction, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var readers = runs.Select(path => PredictionFileReader.ReadAsync(path, compaction, cancellationToken).GetAsyncEnumerator(cancellationToken)).ToList();
        var heads = new PriorityQueue<int, (ulong Hash, string Id)>(Comparer<(ulong Hash, string Id)>.Create((a, b) => SequenceOrder.CompareClients(a.Hash, a.Id, b.Hash, b.Id)));
        try
        {
            for (var i = 0; i < readers.Count; i++)
            {
                if (await readers[i].MoveNextAsync().ConfigureAwait(false))
                {
                    heads.Enqueue(i, (ClientHash.Of(readers[i].Current.ClientId), readers[i].Current.ClientId));
                }
            }

            while (heads.TryDequeue(out var i, out _))
            {
                yield return readers[i].Current;
                if (await readers[i].MoveNextAsync().ConfigureAwait(false))
                {
                    heads.Enqueue(i, (ClientHash.Of(readers[i].Current.ClientId), readers[i].Current.ClientId));
                }
            }
        }
        finally
        {
            foreach (var reader in readers)
            {
                await reader.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
