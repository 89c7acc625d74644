using Clickcast.Diagnostics;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Training;

namespace Clickcast.Scoring;

/// <summary>
/// Sharded scoring (a tenant with <c>Shards</c> = N &gt; 1): <see cref="PlanShardsAsync"/> decides the run once,
/// <see cref="ScoreShardAsync"/> scores one client-hash shard into its own part (through a <see cref="ScoreSpill"/>: memory bounded by a batch and the spill's run buffer, whatever the shard's size), and
/// <see cref="CommitShardsAsync"/> merges the shards' counts and writes the scoring state last. A full run's
/// percentiles need everyone's distribution: each shard writes its sorted probabilities, the commit merges them into
/// the exact quantiles (the same as the unsharded scorer's) and then assigns percentiles and buckets to each part in
/// one streaming pass, a part at a time. See docs/architecture.md, "Sharded scoring".
/// </summary>
public sealed partial class Scorer
{
    /// <summary>
    /// The plan of a sharded run of <paramref name="modelVersion"/>, or null when nothing is to be scored (no sequences,
    /// or no fresh events since the last run: then, as <see cref="ScoreAsync"/> does, monitoring runs and the state is saved).
    /// A new champion or a changed shard count rescores everyone.
    /// </summary>
    public async Task<ScoringPlan?> PlanShardsAsync(ScoringRequest request, int modelVersion, string runId, int shards, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 2);
        var manifest = await _sequences.GetManifestAsync(request.Tenant, cancellationToken).ConfigureAwait(false);
        var state = await GetStateAsync(request.Tenant, request.Task, cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            return null;
        }

        var full = state is null || state.ModelVersion != modelVersion || state.Shards != shards;
        if (!full && manifest.Generation <= state!.ScoredGeneration)
        {
            await MonitorAsync(request, state, manifest, cancellationToken).ConfigureAwait(false);
            return null;
        }

        return new ScoringPlan(runId, modelVersion, full, full ? long.MinValue : state!.ScoredGeneration, manifest.Generation, manifest.LatestEventMicros, _time.GetUtcNow(), shards);
    }

    /// <summary>
    /// Scores shard <paramref name="shard"/> of <paramref name="plan"/> into <c>runs/{run}/part-SSSS.parquet</c>:
    /// deterministic keys, so a retry overwrites. An incremental run also writes the shard's current part; a full
    /// run writes raw probabilities (percentiles and buckets follow at the commit) and the sorted probabilities.
    /// </summary>
    public async Task<ShardScore> ScoreShardAsync(ScoringRequest request, TrainedModelVersion model, ScoringPlan plan, int shard, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(plan);
        var (tenant, task) = (request.Tenant, request.Task);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var manifest = await _sequences.GetManifestAsync(tenant, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"tenant '{tenant}' has no sequences to score");
        var distribution = plan.Full ? null : (await GetStateAsync(tenant, task, cancellationToken).ConfigureAwait(false))?.Distribution
            ?? throw new InvalidOperationException($"the incremental run {plan.RunId} of {tenant}/{task} found no scoring state");
        using var spill = new ScoreSpill();
        var seen = await ScoreClientsAsync(request, model, manifest, plan, shard, spill, cancellationToken).ConfigureAwait(false);
        var threshold = model.Calibration.Threshold.Threshold;
        var buckets = new Dictionary<ScoreBucket, long>();
        var partKey = PredictionParts.RunFolder(tenant, task, plan.RunId) + PredictionParts.PartName(shard);
        var partPath = TempPredictions();
        try
        {
            // The part streams out of the spill: the shard holds a batch and the spill's run buffer, never its clients.
            await using (var writer = await PredictionFileWriter.CreateAsync(partPath, _compaction, cancellationToken).ConfigureAwait(false))
            {
                foreach (var (client, probability) in spill.Rows())
                {
                    var percentile = distribution?.PercentileOf(probability) ?? 0;
                    var bucket = request.Buckets.BucketOf(percentile);
                    buckets[bucket] = buckets.GetValueOrDefault(bucket) + 1;
                    await writer.AddAsync(new Prediction(tenant, task, client, probability, percentile, ScoreBuckets.Name(bucket), probability >= threshold, plan.ModelVersion, plan.ScoredAt), cancellationToken).ConfigureAwait(false);
                }
            }

            await _store.PutFileAsync(partKey, partPath, cancellationToken).ConfigureAwait(false);
            FaultInjection.Checkpoint(FaultInjection.ScoreMidShard);
            Log.ShardScored(_logger, tenant, task, plan.RunId, shard, plan.Shards, spill.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            if (distribution is null)
            {
                var sortedKey = SortedKey(tenant, task, plan.RunId, shard);
                await SortedProbabilities.WriteSortedAsync(_store, sortedKey, spill.Sorted(), cancellationToken).ConfigureAwait(false);
                return new ShardScore(shard, seen, spill.Count, new Dictionary<ScoreBucket, long>(), null, sortedKey);
            }

            var edges = PopulationStability.Edges(distribution.Quantiles);
            var currentKey = PredictionParts.CurrentPart(tenant, task, shard);
            long[] psi;
            if (await _store.GetInfoAsync(currentKey, cancellationToken).ConfigureAwait(false) is null)
            {
                psi = PopulationStability.Counts(edges, spill.Rows().Select(r => r.Probability));
                await _store.PutFileAsync(currentKey, partPath, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                using var copy = await _store.GetLocalCopyAsync(currentKey, cancellationToken).ConfigureAwait(false);
                psi = await ReplaceCurrentAsync(currentKey, copy.Path, partPath, edges, cancellationToken).ConfigureAwait(false);
            }

            return new ShardScore(shard, seen, spill.Count, buckets, psi, null);
        }
        finally
        {
            File.Delete(partPath);
        }
    }

    /// <summary>Scores the shard's clients (those updated after the plan's generation) into <paramref name="spill"/>; returns the clients seen.</summary>
    private async Task<long> ScoreClientsAsync(
        ScoringRequest request, TrainedModelVersion model, SequenceManifest manifest, ScoringPlan plan, int shard, ScoreSpill spill, CancellationToken cancellationToken)
    {
        var maxLength = model.Manifest.Settings.MaxSequenceLength;
        var clients = new List<string>(BatchSize);
        var batch = new List<ModelInput>(BatchSize);
        var scores = new double[BatchSize];
        long seen = 0;
        await foreach (var sequence in _sequences.ReadShardAsync(manifest, shard, plan.Shards, cancellationToken).ConfigureAwait(false))
        {
            seen++;
            if (sequence.UpdatedGeneration <= plan.Since)
            {
                continue;
            }

            batch.Add(InputOf(sequence, maxLength, plan.AsOfMicros, request.Cutter, model.Manifest.Data.ObservedEvents));
            clients.Add(sequence.ClientId);
            if (batch.Count == BatchSize)
            {
                Flush();
            }
        }

        Flush();
        return seen;

        void Flush()
        {
            if (batch.Count > 0)
            {
                model.Score(batch, scores.AsSpan(0, batch.Count));
                for (var i = 0; i < batch.Count; i++)
                {
                    spill.Add(clients[i], scores[i]);
                }

                _compaction.Tick();

                batch.Clear();
                clients.Clear();
            }
        }
    }

    private static string SortedKey(string tenant, string task, string runId, int shard) =>
        PredictionParts.RunFolder(tenant, task, runId) + "_sorted/" + PredictionParts.PartName(shard)[..^PredictionFile.Extension.Length] + ".bin";
}
