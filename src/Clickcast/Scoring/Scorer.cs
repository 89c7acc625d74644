using System.Diagnostics;
using System.Globalization;
using Clickcast.Diagnostics;
using Clickcast.Ingestion.Urls;
using Clickcast.Labels;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Training;
using Microsoft.Extensions.Logging;

namespace Clickcast.Scoring;

/// <summary>
/// Scores a task's clients with its champion: everyone on the first run (and when the champion changes), then only
/// clients whose sequences got new events since the last run. Each score carries probability, percentile, bucket,
/// threshold flag, model version and time; runs are Parquet files under the task's <c>predictions/</c>, and
/// <c>predictions/current.parquet</c> always holds every client's latest score.
/// </summary>
public sealed partial class Scorer
{
    /// <summary>Sequences scored per model call.</summary>
    private const int BatchSize = 4096;

    private readonly IObjectStore _store;
    private readonly SequenceStore _sequences;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // Scoring streams millions of rows through readers and writers: it asks for the compaction an API read never runs.
    private readonly LargeObjectCompaction _compaction = new();

    public Scorer(IObjectStore store, TimeProvider timeProvider, ILogger<Scorer> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _sequences = new SequenceStore(store);
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>Key of a task's scoring state.</summary>
    public static string StateKey(string tenant, string task) => TenantLayout.Predictions(tenant, task) + "state.json";

    /// <summary>Key of a task's current scores (every client's latest).</summary>
    public static string CurrentKey(string tenant, string task) => TenantLayout.Predictions(tenant, task) + "current.parquet";

    /// <summary>The scoring state, or null before the first run.</summary>
    public Task<ScoringState?> GetStateAsync(string tenant, string task, CancellationToken cancellationToken = default) =>
        _store.TryReadJsonAsync<ScoringState>(StateKey(tenant, task), ClickcastJson.Options, cancellationToken);

    /// <summary>Scores the task's clients with <paramref name="model"/> (version <paramref name="modelVersion"/>).</summary>
    /// <param name="request">The task's tenant, id, target, windows, URL cut and buckets.</param>
    /// <param name="model">The champion, loaded.</param>
    /// <param name="modelVersion">Its version.</param>
    /// <param name="runId">A unique, stable id for this run (the job id): re-running with the same id rewrites the same file.</param>
    /// <param name="cancellationToken">Cancels scoring; nothing is committed then.</param>
    public async Task<ScoringReport> ScoreAsync(ScoringRequest request, TrainedModelVersion model, int modelVersion, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(model);
        var (tenant, task) = (request.Tenant, request.Task);
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var started = Stopwatch.GetTimestamp();
        var manifest = await _sequences.GetManifestAsync(tenant, cancellationToken).ConfigureAwait(false);
        var state = await GetStateAsync(tenant, task, cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            return new ScoringReport(null, 0, new Dictionary<ScoreBucket, long>(), Stopwatch.GetElapsedTime(started), []);
        }

        // A new champion rescores everyone: scores of different models are not comparable. So does leaving sharding
        // (the current scores are in per-shard parts, not in current.parquet).
        var full = state is null || state.ModelVersion != modelVersion || state.Shards is not null;
        var since = full ? long.MinValue : state!.ScoredGeneration;
        if (!full && manifest.Generation <= since)
        {
            return new ScoringReport(null, 0, new Dictionary<ScoreBucket, long>(), Stopwatch.GetElapsedTime(started), await MonitorAsync(request, state!, manifest, cancellationToken).ConfigureAwait(false));
        }

        var asOf = manifest.LatestEventMicros;
        var cutter = request.Cutter;
        var maxLength = model.Manifest.Settings.MaxSequenceLength;

        // Pass 1 scores into a spill on local disk (ids, probabilities, sorted runs), pass 2 streams the files out:
        // the run holds a batch and the spill's run buffer, never every client (docs/architecture.md, "Scoring").
        using var spill = new ScoreSpill();
        var batch = new List<ModelInput>(BatchSize);
        var batchClients = new List<string>(BatchSize);
        var scores = new double[BatchSize];
        long seen = 0;
        await foreach (var sequence in _sequences.ReadAsync(manifest, cancellationToken).ConfigureAwait(false))
        {
            seen++;
            if (sequence.UpdatedGeneration <= since)
            {
                continue;
            }

            batch.Add(InputOf(sequence, maxLength, asOf, cutter, model.Manifest.Data.ObservedEvents));
            batchClients.Add(sequence.ClientId);
            if (batch.Count == BatchSize)
            {
                Flush();
            }
        }

        Flush();
        var distribution = full ? spill.Distribution() : state!.Distribution;
        var scoredAt = _time.GetUtcNow();
        var threshold = model.Calibration.Threshold.Threshold;
        var buckets = new Dictionary<ScoreBucket, long>();
        var runKey = TenantLayout.Predictions(tenant, task) + "runs/" + runId + ".parquet";
        var fresh = Predictions(spill, request, modelVersion, distribution, threshold, scoredAt, buckets);
        var psi = await WriteRunAndCurrentAsync(runKey, tenant, task, fresh, full, distribution, cancellationToken).ConfigureAwait(false);
        var run = new ScoringRun
        {
            RunId = runId,
            PredictionsKey = runKey,
            ModelVersion = modelVersion,
            Full = full,
            Clients = (int)spill.Count,
            ScoredAt = scoredAt,
            AsOfMicros = asOf,
            Generation = manifest.Generation,
            Psi = psi,
        };
        var next = new ScoringState
        {
            ModelVersion = modelVersion,
            ScoredGeneration = manifest.Generation,
            Distribution = distribution,
            Runs = [.. (state?.Runs ?? []).Where(r => r.RunId != runId), run],
        };
        Diagnostics.FaultInjection.Checkpoint(Diagnostics.FaultInjection.ScoreBeforeState);
        var monitoring = await MonitorAsync(request, next, manifest, cancellationToken).ConfigureAwait(false);
        Log.Scored(_logger, tenant, task, (int)spill.Count, full, modelVersion, Stopwatch.GetElapsedTime(started));
        ClickcastMetrics.ScoringDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("full", full), ClickcastMetrics.Tenant(tenant), ClickcastMetrics.Task(task));
        ClickcastMetrics.ScoredClients.Add(spill.Count, ClickcastMetrics.Tenant(tenant), ClickcastMetrics.Task(task));
        return new ScoringReport(run, seen, buckets, Stopwatch.GetElapsedTime(started), monitoring);

        void Flush()
        {
            if (batch.Count == 0)
            {
                return;
            }

            model.Score(batch, scores.AsSpan(0, batch.Count));
            for (var i = 0; i < batch.Count; i++)
            {
                spill.Add(batchClients[i], scores[i]);
            }

            _compaction.Tick();

            batch.Clear();
            batchClients.Clear();
        }
    }

    /// <summary>The spill's clients as predictions (percentile, bucket, flag), counting buckets as they are read.</summary>
    private static IEnumerable<Prediction> Predictions(ScoreSpill spill, ScoringRequest request, int modelVersion, ScoreDistribution distribution, double threshold, DateTimeOffset scoredAt, Dictionary<ScoreBucket, long> buckets)
    {
        buckets.Clear();
        foreach (var (client, probability) in spill.Rows())
        {
            var percentile = distribution.PercentileOf(probability);
            var bucket = request.Buckets.BucketOf(percentile);
            buckets[bucket] = buckets.GetValueOrDefault(bucket) + 1;
            yield return new Prediction(request.Tenant, request.Task, client, probability, percentile, ScoreBuckets.Name(bucket), probability >= threshold, modelVersion, scoredAt);
        }
    }

    /// <summary>
    /// The model input of a stored sequence, as of the data's "now", with the task's token level; in position mode
    /// (<paramref name="observedEvents"/> = k) the newest k events, judged at the newest (<see cref="ObservedWindow"/>).
    /// </summary>
    public static ModelInput InputOf(ClientSequence sequence, int maxLength, long asOfMicros, UrlTokenCutter? cutter, int? observedEvents = null)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var (from, length) = ReadRange(sequence.Length, maxLength, observedEvents);
        asOfMicros = length == 0 ? asOfMicros : ObservedWindow.AsOf(asOfMicros, sequence.TimestampArray[^1], observedEvents);
        var urls = sequence.UrlArray.AsSpan(from, length).ToArray();
        if (cutter is not null)
        {
            for (var i = 0; i < urls.Length; i++)
            {
                urls[i] = cutter.Cut(urls[i]);
            }
        }

        return new ModelInput(urls, sequence.TimestampArray.AsSpan(from, length).ToArray(), asOfMicros, sequence.EventTypeArray.AsSpan(from, length).ToArray());
    }

    /// <summary>
    /// The [from, from + length) range of a chain that the model reads: the observed window
    /// (<see cref="ObservedWindow"/>) cut to its newest <paramref name="maxLength"/> events.
    /// </summary>
    public static (int From, int Length) ReadRange(int chainLength, int maxLength, int? observedEvents)
    {
        var length = Math.Min(ObservedWindow.Of(chainLength, observedEvents).Length, maxLength);
        return (chainLength - length, length);
    }

    /// <summary>
    /// Writes the run's file, then current.parquet = the previous current with this run's clients replaced (or just
    /// this run, when full), both streamed through temporary files; returns the PSI of the current scores against
    /// <paramref name="distribution"/>. The replacement is a merge in client order (<see cref="CurrentMerge"/>): it
    /// holds a row of each file, never the fresh clients' ids.
    /// </summary>
    private async Task<double?> WriteRunAndCurrentAsync(string runKey, string tenant, string task, IEnumerable<Prediction> fresh, bool full, ScoreDistribution distribution, CancellationToken cancellationToken)
    {
        var edges = PopulationStability.Edges(distribution.Quantiles);
        var counts = new long[edges.Length + 1];
        var key = CurrentKey(tenant, task);
        var runPath = TempPredictions();
        try
        {
            await using (var writer = await PredictionFileWriter.CreateAsync(runPath, _compaction, cancellationToken).ConfigureAwait(false))
            {
                foreach (var prediction in fresh)
                {
                    await writer.AddAsync(prediction, cancellationToken).ConfigureAwait(false);
                    counts[PopulationStability.BinOf(edges, prediction.Probability)]++;
                }
            }

            await _store.PutFileAsync(runKey, runPath, cancellationToken).ConfigureAwait(false);
            if (full || await _store.GetInfoAsync(key, cancellationToken).ConfigureAwait(false) is null)
            {
                await _store.PutFileAsync(key, runPath, cancellationToken).ConfigureAwait(false);
                return PopulationStability.OfCounts(distribution, counts);
            }

            using var copy = await _store.GetLocalCopyAsync(key, cancellationToken).ConfigureAwait(false);
            counts = await ReplaceCurrentAsync(key, copy.Path, runPath, edges, cancellationToken).ConfigureAwait(false);
            return PopulationStability.OfCounts(distribution, counts);
        }
        finally
        {
            File.Delete(runPath);
        }
    }

    /// <summary>
    /// Writes <paramref name="key"/> = the current scores at <paramref name="previousPath"/> with the clients of the run at
    /// <paramref name="runPath"/> replaced; returns the PSI bin counts of what it wrote. Current scores written before
    /// they were kept in client order are merged once through a set of the run's ids and written back sorted
    /// (<see cref="PredictionSort"/>), so the next run merges them as a stream.
    /// </summary>
    private async Task<long[]> ReplaceCurrentAsync(string key, string previousPath, string runPath, double[] edges, CancellationToken cancellationToken)
    {
        var currentPath = TempPredictions();
        try
        {
            long[] counts;
            try
            {
                var merged = CurrentMerge.MergeAsync(PredictionFileReader.ReadAsync(previousPath, _compaction, cancellationToken), PredictionFileReader.ReadAsync(runPath, _compaction, cancellationToken), cancellationToken);
                counts = await WritePredictionsAsync(currentPath, merged, edges, cancellationToken).ConfigureAwait(false);
            }
            catch (UnorderedPredictionsException ex)
            {
                Log.CurrentUnordered(_logger, key, ex.Message);
                File.Delete(currentPath);
                var ids = new HashSet<string>(StringComparer.Ordinal);
                await foreach (var prediction in PredictionFileReader.ReadAsync(runPath, _compaction, cancellationToken).ConfigureAwait(false))
                {
                    ids.Add(prediction.ClientId);
                }

                var kept = PredictionFileReader.ReadAsync(previousPath, _compaction, cancellationToken).Where(p => !ids.Contains(p.ClientId));
                var sorted = PredictionSort.SortAsync(kept.Concat(PredictionFileReader.ReadAsync(runPath, _compaction, cancellationToken)), _compaction, cancellationToken: cancellationToken);
                counts = await WritePredictionsAsync(currentPath, sorted, edges, cancellationToken).ConfigureAwait(false);
            }

            await _store.PutFileAsync(key, currentPath, cancellationToken).ConfigureAwait(false);
            return counts;
        }
        finally
        {
            File.Delete(currentPath);
        }
    }

    /// <summary>Writes <paramref name="rows"/> to a new predictions file; returns their PSI bin counts.</summary>
    private async Task<long[]> WritePredictionsAsync(string path, IAsyncEnumerable<Prediction> rows, double[] edges, CancellationToken cancellationToken)
    {
        var counts = new long[edges.Length + 1];
        await using var writer = await PredictionFileWriter.CreateAsync(path, _compaction, cancellationToken).ConfigureAwait(false);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            await writer.AddAsync(row, cancellationToken).ConfigureAwait(false);
            counts[PopulationStability.BinOf(edges, row.Probability)]++;
        }

        return counts;
    }

    private static string TempPredictions() => ScratchSpace.Process.NewPath("predictions", PredictionFile.Extension);
}
