using System.Globalization;
using System.Runtime.CompilerServices;
using Clickcast.Diagnostics;
using Clickcast.Events;
using Clickcast.Storage;

namespace Clickcast.Scoring;

/// <summary>
/// The one way to find and read a task's predictions, in both forms: an unsharded task keeps a run in
/// <c>predictions/runs/{run}.parquet</c> and every client's latest score in <c>predictions/current.parquet</c>; a task
/// scored in N client-hash shards keeps one part per shard, <c>predictions/runs/{run}/part-SSSS.parquet</c> and
/// <c>predictions/current/part-SSSS.parquet</c>, each holding exactly the clients of shard SSSS
/// (<see cref="ClientShard"/>), so one client's score is in one known part.
/// </summary>
public static class PredictionParts
{
    /// <summary>The name of shard <paramref name="shard"/>'s part: <c>part-SSSS.parquet</c>.</summary>
    public static string PartName(int shard) =>
        string.Create(CultureInfo.InvariantCulture, $"part-{shard:D4}") + PredictionFile.Extension;

    /// <summary>The folder of a sharded run's parts: <c>predictions/runs/{run}/</c>.</summary>
    public static string RunFolder(string tenant, string task, string runId) => TenantLayout.Predictions(tenant, task) + "runs/" + runId + "/";

    /// <summary>Shard <paramref name="shard"/>'s part of the current scores.</summary>
    public static string CurrentPart(string tenant, string task, int shard) => TenantLayout.Predictions(tenant, task) + "current/" + PartName(shard);

    /// <summary>The objects holding the current scores when they are kept in <paramref name="shards"/> (null: one file).</summary>
    public static IReadOnlyList<string> CurrentKeys(string tenant, string task, int? shards) =>
        shards is { } n ? [.. Enumerable.Range(0, n).Select(s => CurrentPart(tenant, task, s))] : [Scorer.CurrentKey(tenant, task)];

    /// <summary>The objects holding a run's predictions, in shard order.</summary>
    public static IReadOnlyList<string> RunKeys(ScoringRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Shards is { } n ? [.. Enumerable.Range(0, n).Select(s => run.PredictionsKey + PartName(s))] : [run.PredictionsKey];
    }

    /// <summary>The one object of the current scores that can hold <paramref name="clientId"/>.</summary>
    public static string CurrentKeyOf(string tenant, string task, int? shards, string clientId) =>
        shards is { } n ? CurrentPart(tenant, task, ClientShard.Of(clientId, n)) : Scorer.CurrentKey(tenant, task);

    /// <summary>Every row of <paramref name="keys"/> in order, one file at a time; a missing object reads as empty.</summary>
    public static IAsyncEnumerable<Prediction> ReadAsync(IObjectStore store, IEnumerable<string> keys, CancellationToken cancellationToken = default) =>
        ReadAsync(store, keys, compaction: null, cancellationToken);

    /// <summary>
    /// Every row of <paramref name="keys"/> in order, one file at a time (a missing object reads as empty), for a long
    /// pass that asks for <paramref name="compaction"/> at row-group boundaries.
    /// </summary>
    public static async IAsyncEnumerable<Prediction> ReadAsync(IObjectStore store, IEnumerable<string> keys, LargeObjectCompaction? compaction, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            if (await store.GetInfoAsync(key, cancellationToken).ConfigureAwait(false) is null)
            {
                continue;
            }

            using var copy = await store.GetLocalCopyAsync(key, cancellationToken).ConfigureAwait(false);
            await foreach (var prediction in PredictionFileReader.ReadAsync(copy.Path, compaction, cancellationToken).ConfigureAwait(false))
            {
                yield return prediction;
            }
        }
    }

    /// <summary>Whether any of <paramref name="keys"/> exists.</summary>
    public static async Task<bool> AnyAsync(IObjectStore store, IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            if (await store.GetInfoAsync(key, cancellationToken).ConfigureAwait(false) is not null)
            {
                return true;
            }
        }

        return false;
    }
}
