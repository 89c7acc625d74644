using Clickcast.Ingestion.Urls;
using Clickcast.Registry;
using Clickcast.Sequences;
using Clickcast.Storage;

namespace Clickcast.Scoring;

/// <summary>Reads a task's current scores for people: the distribution and one client's score with its reasons.</summary>
public sealed class PredictionInsights(IObjectStore store, Scorer scorer, ModelRegistry registry, ModelStore models, SequenceLookup lookup)
{
    /// <summary>Probability bins of the histogram.</summary>
    public const int HistogramBins = 20;

    /// <summary>Most expected-vs-actual reports <see cref="MonitoringHistoryAsync"/> reads in one call.</summary>
    public const int MaxMonitoringReports = 200;

    /// <summary>
    /// Every scoring run's expected vs actual whose outcome window has closed, oldest first: the newest
    /// <paramref name="limit"/> (at most <see cref="MaxMonitoringReports"/>); empty before the first report.
    /// </summary>
    public async Task<IReadOnlyList<MonitoringPoint>> MonitoringHistoryAsync(string tenant, string task, int limit = MaxMonitoringReports, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxMonitoringReports);
        var state = await scorer.GetStateAsync(tenant, task, cancellationToken).ConfigureAwait(false);
        var keys = (state?.Runs ?? []).Where(r => r.MonitoringKey is not null).OrderBy(r => r.AsOfMicros).ThenBy(r => r.ScoredAt)
            .Select(r => r.MonitoringKey!).TakeLast(limit).ToList();
        var points = new List<MonitoringPoint>(keys.Count);
        foreach (var key in keys)
        {
            if (await store.TryReadJsonAsync<MonitoringReport>(key, ClickcastJson.Options, cancellationToken).ConfigureAwait(false) is { } report)
            {
                points.Add(MonitoringPoint.Of(report));
            }
        }

        return points;
    }

    /// <summary>The distribution of the current scores, or null before the first scoring run.</summary>
    public async Task<PredictionSummary?> SummarizeAsync(string tenant, string task, CancellationToken cancellationToken = default)
    {
        var all = await ReadCurrentAsync(tenant, task, cancellationToken).ConfigureAwait(false);
        if (all is null)
        {
            return null;
        }

        var state = await scorer.GetStateAsync(tenant, task, cancellationToken).ConfigureAwait(false);
        MonitoringReport? monitoring = null;
        if (state?.Runs.LastOrDefault(r => r.MonitoringKey is not null) is { MonitoringKey: { } key })
        {
            monitoring = await store.TryReadJsonAsync<MonitoringReport>(key, ClickcastJson.Options, cancellationToken).ConfigureAwait(false);
        }

        // Equal-width bins up to the highest score, rounded up to a 0.05 step: most propensities are small.
        var top = all.Count == 0 ? 1 : Math.Min(1, Math.Ceiling(all.Max(p => p.Probability) * 20) / 20);
        top = top <= 0 ? 1 : top;
        var counts = new long[HistogramBins];
        foreach (var p in all)
        {
            counts[Math.Clamp((int)(p.Probability / top * HistogramBins), 0, HistogramBins - 1)]++;
        }

        var histogram = counts.Select((c, i) => new HistogramBin(top * i / HistogramBins, top * (i + 1) / HistogramBins, c)).ToList();
        var buckets = all.GroupBy(p => p.Bucket).OrderByDescending(g => ScoreBuckets.Parse(g.Key))
            .Select(g => new BucketSummary(g.Key, g.Count(), g.Average(p => p.Probability), g.Min(p => p.Probability), g.Count(p => p.AboveThreshold)))
            .ToList();
        return new PredictionSummary(
            tenant,
            task,
            all.Count,
            all.Select(p => p.ModelVersion).Distinct().Order().ToList(),
            all.Count == 0 ? null : all.Max(p => p.ScoredAt),
            all.Count == 0 ? 0 : all.Average(p => p.Probability),
            histogram,
            buckets,
            (state?.Runs ?? []).Reverse().ToList(),
            monitoring);
    }

    /// <summary>
    /// One client's current score, its chain (newest events, marked where the model read them) and the tokens that
    /// move it most under the model that scored it (occlusion: the probability with the token minus without it), or
    /// null when the client has no score.
    /// </summary>
    public async Task<ClientScore?> LookupAsync(ScoringRequest request, string clientId, int top = 10, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        var (tenant, task) = (request.Tenant, request.Task);
        var found = await FindCurrentAsync(tenant, task, clientId, cancellationToken).ConfigureAwait(false);
        if (found is not { ClientId: not null } prediction)
        {
            return null;
        }

        var sequences = new SequenceStore(store);
        var manifest = await sequences.GetManifestAsync(tenant, cancellationToken).ConfigureAwait(false);
        var version = await registry.GetAsync(tenant, task, prediction.ModelVersion, cancellationToken).ConfigureAwait(false);
        if (manifest is null || version is null)
        {
            return new ClientScore(prediction, 0, [], []);
        }

        var sequence = await lookup.FindAsync(tenant, clientId, cancellationToken).ConfigureAwait(false);
        if (sequence is null)
        {
            return new ClientScore(prediction, 0, [], []);
        }

        using var model = await models.LoadAsync(version.FolderKey, cancellationToken).ConfigureAwait(false);
        var input = Scorer.InputOf(sequence, model.Manifest.Settings.MaxSequenceLength, manifest.LatestEventMicros, request.Cutter, model.Manifest.Data.ObservedEvents);
        var chain = ClientChain.Of(sequence, model.Manifest.Settings.MaxSequenceLength, request.Cutter, model.Manifest.Data.ObservedEvents);
        return new ClientScore(prediction, sequence.Length, model.Explain(input, top), chain);
    }

    private async Task<Prediction?> FindCurrentAsync(string tenant, string task, string clientId, CancellationToken cancellationToken)
    {
        var state = await scorer.GetStateAsync(tenant, task, cancellationToken).ConfigureAwait(false);
        var key = PredictionParts.CurrentKeyOf(tenant, task, state?.Shards, clientId);
        await foreach (var p in PredictionParts.ReadAsync(store, [key], cancellationToken).ConfigureAwait(false))
        {
            if (p.ClientId == clientId)
            {
                return p;
            }
        }

        return null;
    }

    private async Task<List<Prediction>?> ReadCurrentAsync(string tenant, string task, CancellationToken cancellationToken)
    {
        var state = await scorer.GetStateAsync(tenant, task, cancellationToken).ConfigureAwait(false);
        var keys = PredictionParts.CurrentKeys(tenant, task, state?.Shards);
        if (!await PredictionParts.AnyAsync(store, keys, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var all = new List<Prediction>();
        await foreach (var p in PredictionParts.ReadAsync(store, keys, cancellationToken).ConfigureAwait(false))
        {
            all.Add(p);
        }

        return all;
    }
}
