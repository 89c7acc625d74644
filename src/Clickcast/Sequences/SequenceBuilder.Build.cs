using System.Collections.Concurrent;
using System.Globalization;
using Clickcast.Events;
using Clickcast.Storage;

namespace Clickcast.Sequences;

public sealed partial class SequenceBuilder
{
    /// <summary>
    /// Builds segments from event files: in memory when they fit the budget, else by routing events into
    /// client-hash ranges on disk first and building each range on its own (<see cref="RangePlan"/>). Only the events of
    /// <paramref name="scope"/>'s clients are kept (all of them for an unsharded tenant).
    /// </summary>
    private async Task<BuildResult> BuildSegmentsAsync(
        string tenant,
        IReadOnlyList<string> eventFiles,
        long generation,
        SegmentKind kind,
        ShardScope scope,
        SequenceOptions options,
        BuildScratch scratch,
        IProgress<SequenceProgress>? progress,
        CancellationToken cancellationToken)
    {
        var folder = NewTempFolder();
        var copies = new List<LocalCopy>();
        try
        {
            long totalEvents = 0;
            foreach (var key in eventFiles)
            {
                var copy = await _store.GetLocalCopyAsync(key, cancellationToken).ConfigureAwait(false);
                copies.Add(copy);
                totalEvents += await EventFileReader.CountAsync(copy.Path, cancellationToken).ConfigureAwait(false);
            }

            var plan = RangePlan.For(totalEvents, options.EventsPerRange, options.MaxParallelism);
            var ranges = plan.Ranges;
            var segments = new SegmentInfo?[ranges];
            long eventsRead = 0, clients = 0;
            if (!plan.Spilled)
            {
                // Everything fits in memory: route by hash into as many ranges as there are workers, without
                // spilling, so a mid-sized tenant still builds on every core.
                var (buffers, table) = await RouteInMemoryAsync(copies, totalEvents, ranges, scope, options, scratch, progress, cancellationToken).ConfigureAwait(false);
                eventsRead = buffers.Sum(b => (long)b.Count);
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken };
                await Parallel.ForEachAsync(Enumerable.Range(0, ranges), parallel, async (range, token) =>
                {
                    try
                    {
                        var (segment, count) = await WriteRangeAsync(tenant, folder, buffers[range], table, range, generation, kind, scope, options, scratch, token).ConfigureAwait(false);
                        segments[range] = segment;
                        Interlocked.Add(ref clients, count);
                    }
                    finally
                    {
                        scratch.Return(buffers[range]);
                    }
                }).ConfigureAwait(false);
            }
            else
            {
                var (spilled, sets) = await SpillAsync(copies, folder, ranges, scope, options, progress, cancellationToken).ConfigureAwait(false);
                eventsRead = spilled;
                var (table, offsets) = RangeStrings.Join(sets.Select(set => set.Strings).ToList());
                var built = 0;
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken };
                await Parallel.ForEachAsync(Enumerable.Range(0, ranges), parallel, async (range, token) =>
                {
                    // One buffer per worker, reused range after range (see RangeBuffer's scratch arrays).
                    var buffer = scratch.RentBuffer(sets.Sum(set => RangeSpill.RecordsIn(RangeSpill.PathOf(set.Folder, range))));
                    try
                    {
                        var pool = new StringPool();
                        for (var s = 0; s < sets.Count; s++)
                        {
                            RangeSpill.Load(RangeSpill.PathOf(sets[s].Folder, range), offsets[s], buffer, pool);
                        }

                        var (segment, count) = await WriteRangeAsync(tenant, folder, buffer, table, range, generation, kind, scope, options, scratch, token).ConfigureAwait(false);
                        segments[range] = segment;
                        Interlocked.Add(ref clients, count);
                    }
                    finally
                    {
                        scratch.Return(buffer);
                    }

                    foreach (var set in sets)
                    {
                        File.Delete(RangeSpill.PathOf(set.Folder, range));
                    }

                    progress?.Report(new SequenceProgress("building ranges", Interlocked.Increment(ref built), ranges));
                }).ConfigureAwait(false);
            }

            return new BuildResult(segments.OfType<SegmentInfo>().ToList(), eventFiles.Count, eventsRead, clients, ranges);
        }
        finally
        {
            foreach (var copy in copies)
            {
                copy.Dispose();
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Reads the event files in parallel into per-range buffers (no spill files); returns them and the string table
    /// their indexes point into (the reading workers' pools, joined).
    /// </summary>
    private static async Task<(RangeBuffer[] Buffers, string[] Table)> RouteInMemoryAsync(List<LocalCopy> copies, long events, int ranges, ShardScope scope, SequenceOptions options, BuildScratch scratch, IProgress<SequenceProgress>? progress, CancellationToken cancellationToken)
    {
        var workers = new System.Collections.Concurrent.ConcurrentBag<(RangeBuffer[] Buffers, StringPool Pool, EventFileReader.Buffers Reading)>();
        var done = 0;
        var workerCount = Math.Max(1, Math.Min(options.MaxParallelism, copies.Count));
        var capacity = RangeBuffer.InitialCapacity(events, ranges, workerCount);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(copies, parallel, async (copy, token) =>
        {
            if (!workers.TryTake(out var worker))
            {
                worker = (Enumerable.Range(0, ranges).Select(_ => scratch.RentBuffer(capacity)).ToArray(), new StringPool(), scratch.RentReading());
            }

            try
            {
                await ReadIntoAsync(copy.Path, worker.Pool, worker.Reading, scope, worker.Buffers, token).ConfigureAwait(false);
            }
            finally
            {
                workers.Add(worker);
            }

            progress?.Report(new SequenceProgress("reading events", Interlocked.Increment(ref done), copies.Count));
        }).ConfigureAwait(false);

        var all = workers.ToList();
        foreach (var worker in all)
        {
            scratch.Return(worker.Reading);
        }

        if (all.Count == 0)
        {
            return (Enumerable.Range(0, ranges).Select(_ => scratch.RentBuffer(1024)).ToArray(), []);
        }

        // The first worker's buffers take the others' events, whose indexes move past the pools before theirs.
        var (table, offsets) = RangeStrings.Join(all.Select(worker => worker.Pool.Strings).ToList());
        var result = all[0].Buffers;
        for (var r = 0; r < ranges; r++)
        {
            result[r].EnsureCapacity(all.Sum(worker => worker.Buffers[r].Count));
        }

        for (var w = 1; w < all.Count; w++)
        {
            for (var r = 0; r < ranges; r++)
            {
                // Merged away and left to the collector: kept in the scratch they would only add to this build's peak.
                result[r].AddAll(all[w].Buffers[r], offsets[w]);
            }
        }

        return (result, table);
    }

    /// <summary>Reads every event file once, appending each event to its range's spill file.</summary>
    /// <returns>Events read, and each worker's spill set: its folder and the string table its records point at.</returns>
    private static async Task<(long Events, IReadOnlyList<(string Folder, IReadOnlyList<string> Strings)> Sets)> SpillAsync(List<LocalCopy> copies, string folder, int ranges, ShardScope scope, SequenceOptions options, IProgress<SequenceProgress>? progress, CancellationToken cancellationToken)
    {
        var spills = new ConcurrentBag<(RangeSpill Spill, StringPool Pool, EventFileReader.Buffers Buffers)>();
        var sets = new List<(string Folder, IReadOnlyList<string> Strings)>();
        var created = 0;
        long events = 0;
        var done = 0;
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(copies, parallel, async (copy, token) =>
            {
                if (!spills.TryTake(out var worker))
                {
                    var id = Interlocked.Increment(ref created);
                    worker = (new RangeSpill(Path.Combine(folder, "spill-" + id.ToString(CultureInfo.InvariantCulture)), ranges, scope.Bits), new StringPool(), new EventFileReader.Buffers());
                }

                try
                {
                    var read = await SpillFileAsync(copy.Path, worker.Pool, worker.Buffers, worker.Spill, scope, token).ConfigureAwait(false);
                    Interlocked.Add(ref events, read);
                }
                finally
                {
                    spills.Add(worker);
                }

                progress?.Report(new SequenceProgress("routing events", Interlocked.Increment(ref done), copies.Count));
            }).ConfigureAwait(false);
        }
        finally
        {
            foreach (var (spill, pool, _) in spills)
            {
                spill.Dispose();
                sets.Add((spill.Folder, pool.Strings));
            }
        }

        return (events, sets);
    }

    /// <summary>Appends every event of one file (of the scope's clients) to the worker's spill set, strings as indexes into the worker's pool.</summary>
    private static async Task<long> SpillFileAsync(string path, StringPool pool, EventFileReader.Buffers buffers, RangeSpill spill, ShardScope scope, CancellationToken cancellationToken)
    {
        long count = 0;
        var lastClient = StringPool.NotPooled;
        ulong lastHash = 0;
        await foreach (var batch in EventFileReader.ReadIndexedAsync(path, pool, buffers, cancellationToken).ConfigureAwait(false))
        {
            var clients = batch.ClientIdIndexes;
            for (var i = 0; i < batch.Count; i++)
            {
                // Consecutive events often share a client: hash once per run of them.
                var client = clients[i];
                if (client != lastClient || client == StringPool.NotPooled)
                {
                    lastHash = ClientHash.Of(batch.ClientIds[i]);
                    lastClient = client;
                }

                if (!scope.Contains(lastHash))
                {
                    continue;
                }

                spill.Add(lastHash, batch.TimestampsMicros[i], client, batch.ClientIds[i], batch.UrlIndexes[i], batch.Urls[i], batch.EventTypeIndexes[i], batch.EventTypes[i]);
                count++;
            }
        }

        return count;
    }

    /// <summary>Appends every event of one file (of the scope's clients) to its range's buffer, strings as indexes into <paramref name="pool"/>.</summary>
    private static async Task<long> ReadIntoAsync(string path, StringPool pool, EventFileReader.Buffers reading, ShardScope scope, RangeBuffer[] buffers, CancellationToken cancellationToken)
    {
        long count = 0;
        var lastClient = StringPool.NotPooled;
        ulong lastHash = 0;
        await foreach (var batch in EventFileReader.ReadIndexedAsync(path, pool, reading, cancellationToken).ConfigureAwait(false))
        {
            var clients = batch.ClientIdIndexes;
            for (var i = 0; i < batch.Count; i++)
            {
                // Consecutive events often share a client: hash once per run of them.
                var client = clients[i];
                if (client != lastClient || client == StringPool.NotPooled)
                {
                    lastHash = ClientHash.Of(batch.ClientIds[i]);
                    lastClient = client;
                }

                if (scope.Contains(lastHash))
                {
                    buffers[scope.RangeOf(lastHash, buffers.Length)].Add(lastHash, batch, i);
                    count++;
                }
            }
        }

        return count;
    }

    private async Task<(SegmentInfo? Segment, long Clients)> WriteRangeAsync(
        string tenant,
        string folder,
        RangeBuffer buffer,
        string[] table,
        int range,
        long generation,
        SegmentKind kind,
        ShardScope scope,
        SequenceOptions options,
        BuildScratch scratch,
        CancellationToken cancellationToken)
    {
        if (buffer.Count == 0)
        {
            return (null, 0);
        }

        var path = Path.Combine(folder, "segment-" + range.ToString(CultureInfo.InvariantCulture) + ".parquet");
        var columns = scratch.RentColumns();
        try
        {
            var writer = await SegmentWriter.CreateAsync(path, columns, cancellationToken).ConfigureAwait(false);
            try
            {
                await buffer.WriteAsync(writer, table, options.MaxEvents, generation, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }

            return (await UploadAsync(tenant, path, writer, kind, generation, scope, range, cancellationToken).ConfigureAwait(false), writer.Clients);
        }
        finally
        {
            scratch.Return(columns);
        }
    }

    private sealed record BuildResult(IReadOnlyList<SegmentInfo> Segments, int FilesRead, long EventsRead, long Clients, int Ranges);
}
