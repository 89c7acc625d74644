using System.Diagnostics;
using Clickcast.Diagnostics;
using Clickcast.Storage;

namespace Clickcast.Scoring;

public sealed partial class Scorer
{
    /// <summary>
    /// Commits a sharded run from its shards' records: a full run merges the sorted probabilities into the
    /// distribution, then gives each part (one at a time) its percentiles and buckets and makes it the shard's current
    /// part; then the scoring state is written, last. Re-running after a crash redoes the same writes; re-running after
    /// the state was written changes nothing.
    /// </summary>
    public async Task<ScoringReport> CommitShardsAsync(ScoringRequest request, ScoringPlan plan, IReadOnlyList<ShardScore> shards, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(shards);
        ArgumentOutOfRangeException.ThrowIfNotEqual(shards.Count, plan.Shards, nameof(shards));
        var (tenant, task) = (request.Tenant, request.Task);
        var started = Stopwatch.GetTimestamp();
        var seen = shards.Sum(s => s.Seen);
        var state = await GetStateAsync(tenant, task, cancellationToken).ConfigureAwait(false);
        if (state?.Runs.FirstOrDefault(r => r.RunId == plan.RunId) is { } committed && state.ModelVersion == plan.ModelVersion)
        {
            return new ScoringReport(committed, seen, new Dictionary<ScoreBucket, long>(), Stopwatch.GetElapsedTime(started), []);
        }

        var manifest = await _sequences.GetManifestAsync(tenant, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"tenant '{tenant}' has no sequences");
        var clients = shards.Sum(s => s.Clients);
        ScoreDistribution distribution;
        var buckets = new Dictionary<ScoreBucket, long>();
        var psiCounts = new long[PopulationStability.Bins];
        if (plan.Full)
        {
            distribution = await SortedProbabilities.MergeAsync(_store, shards.Select(s => s.SortedKey!).ToList(), clients, cancellationToken).ConfigureAwait(false);
            var edges = PopulationStability.Edges(distribution.Quantiles);
            foreach (var shard in shards)
            {
                await RankPartAsync(request, plan, shard.Shard, distribution, edges, buckets, psiCounts, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            distribution = state?.Distribution ?? throw new InvalidOperationException($"the incremental run {plan.RunId} of {tenant}/{task} found no scoring state");
            foreach (var shard in shards)
            {
                foreach (var (bucket, count) in shard.Buckets)
                {
                    buckets[bucket] = buckets.GetValueOrDefault(bucket) + count;
                }

                for (var i = 0; i < psiCounts.Length && i < (shard.PsiCounts?.Count ?? 0); i++)
                {
                    psiCounts[i] += shard.PsiCounts![i];
                }
            }
        }

        var run = new ScoringRun
        {
            RunId = plan.RunId,
            PredictionsKey = PredictionParts.RunFolder(tenant, task, plan.RunId),
            Shards = plan.Shards,
            ModelVersion = plan.ModelVersion,
            Full = plan.Full,
            Clients = clients,
            ScoredAt = plan.ScoredAt,
            AsOfMicros = plan.AsOfMicros,
            Generation = plan.Generation,
            Psi = PopulationStability.OfCounts(distribution, psiCounts),
        };
        var next = new ScoringState
        {
            ModelVersion = plan.ModelVersion,
            ScoredGeneration = plan.Generation,
            Distribution = distribution,
            Shards = plan.Shards,
            Runs = [.. (state?.Runs ?? []).Where(r => r.RunId != plan.RunId), run],
        };
        FaultInjection.Checkpoint(FaultInjection.ScoreBeforeState);
        var monitoring = await MonitorAsync(request, next, manifest, cancellationToken).ConfigureAwait(false);
        foreach (var shard in shards.Where(s => s.SortedKey is not null))
        {
            await _store.DeleteAsync(shard.SortedKey!, cancellationToken).ConfigureAwait(false);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        Log.ShardsCommitted(_logger, tenant, task, plan.RunId, plan.Shards, clients, plan.Full, plan.ModelVersion, elapsed);
        ClickcastMetrics.ScoredClients.Add(clients, ClickcastMetrics.Tenant(tenant), ClickcastMetrics.Task(task));
        return new ScoringReport(run, seen, buckets, elapsed, monitoring);
    }

    /// <summary>Rewrites one raw part of a full run with its percentiles and buckets, and makes it the shard's current part.</summary>
    private async Task RankPartAsync(ScoringRequest request, ScoringPlan plan, int shard, ScoreDistribution distribution, double[] edges, Dictionary<ScoreBucket, long> buckets, long[] psiCounts, CancellationToken cancellationToken)
    {
        var key = PredictionParts.RunFolder(request.Tenant, request.Task, plan.RunId) + PredictionParts.PartName(shard);
        var path = ScratchSpace.Process.NewPath("part", PredictionFile.Extension);
        try
        {
            await using (var writer = await PredictionFileWriter.CreateAsync(path, _compaction, cancellationToken).ConfigureAwait(false))
            {
                await foreach (var raw in PredictionParts.ReadAsync(_store, [key], _compaction, cancellationToken).ConfigureAwait(false))
                {
                    var percentile = distribution.PercentileOf(raw.Probability);
                    var bucket = request.Buckets.BucketOf(percentile);
                    buckets[bucket] = buckets.GetValueOrDefault(bucket) + 1;
                    var bin = 0;
                    while (bin < edges.Length && edges[bin] < raw.Probability)
                    {
                        bin++;
                    }

                    psiCounts[bin]++;
                    await writer.AddAsync(raw with { Percentile = percentile, Bucket = ScoreBuckets.Name(bucket) }, cancellationToken).ConfigureAwait(false);
                }
            }

            await _store.PutFileAsync(key, path, cancellationToken).ConfigureAwait(false);
            await _store.PutFileAsync(PredictionParts.CurrentPart(request.Tenant, request.Task, shard), path, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
