using Clickcast.Events;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Clickcast.Diagnostics;
using Clickcast.Ingestion;
using Clickcast.Sequences;
using Clickcast.Training;

namespace Clickcast.Scoring;

/// <summary>
/// Scores clients in real time with the task's warm champion: the client's stored chain (when the request names
/// it) plus the request's new events, normalised by the tenant's ingest settings, cut like the batch scorer cuts
/// them (<see cref="Scorer.InputOf"/>) and judged as of the data's "now" (the newest stored or sent event). For the
/// same chain and "now", the probability equals the batch scorer's.
/// </summary>
public sealed class LiveScorer(WarmChampions champions, SequenceLookup sequences)
{
    /// <summary>Events one client may carry in a request.</summary>
    public const int MaxEventsPerClient = 1_000;

    /// <summary>Clients one batch request may carry.</summary>
    public const int MaxClientsPerRequest = 100;

    /// <summary>Top factors a request may ask for.</summary>
    public const int MaxTopFactors = 20;

    private readonly ConcurrentDictionary<(string Tenant, int Version), EventNormalizer> _normalizers = new();

    /// <summary>Scores <paramref name="clients"/> for the task of <paramref name="request"/>.</summary>
    /// <param name="request">The task's scoring facts (buckets, URL cut).</param>
    /// <param name="ingest">The tenant's ingest settings: how raw events are normalised.</param>
    /// <param name="definitionVersion">The version of the tenant definition <paramref name="ingest"/> comes from (normalisers are reused per version).</param>
    /// <param name="clients">The clients, each with an id, events or both (validated by the caller's limits).</param>
    /// <param name="top">Top factors per client (0 for none): each costs a few extra model calls.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<LiveScoringResult> ScoreAsync(ScoringRequest request, IngestOptions ingest, int definitionVersion, IReadOnlyList<LiveClient> clients, int top, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ingest);
        ArgumentNullException.ThrowIfNull(clients);
        var started = Stopwatch.GetTimestamp();
        using var lease = await champions.AcquireAsync(request.Tenant, request.Task, cancellationToken).ConfigureAwait(false);
        ClickcastMetrics.ApiStage(ApiStage.Champion, started);
        if (lease is null)
        {
            return new LiveScoringResult(LiveScoringOutcome.NoChampion, [], $"{request.Tenant}/{request.Task} has no champion yet: real-time scores start once its first model is trained and promoted.");
        }

        if (_normalizers.Count > 10_000)
        {
            _normalizers.Clear(); // old definition versions; rebuilt on demand
        }

        var normalizer = _normalizers.GetOrAdd((request.Tenant, definitionVersion), static (_, options) => new EventNormalizer(options), ingest);
        var champion = lease.Champion;
        var maxLength = champion.Model.Manifest.Settings.MaxSequenceLength;
        var inputs = new ModelInput[clients.Count];
        var chains = new (int Events, int Stored, List<LiveEventDrop> Dropped)[clients.Count];
        started = Stopwatch.GetTimestamp();
        for (var c = 0; c < clients.Count; c++)
        {
            var client = clients[c];
            var stored = client.ClientId is { Length: > 0 } id ? await sequences.FindAsync(request.Tenant, id, cancellationToken).ConfigureAwait(false) : null;
            var (sequence, dropped) = Chain(client, stored, normalizer);
            if (sequence is null)
            {
                var who = client.ClientId is null ? "the request's events" : string.Create(CultureInfo.InvariantCulture, $"client '{client.ClientId}'");
                return new LiveScoringResult(LiveScoringOutcome.NoEvents, [], $"Nothing to score for {who}: no stored chain and no usable event ({dropped.Count} dropped: {string.Join(", ", dropped.Select(d => d.Reason).Distinct())}).");
            }

            var asOf = Math.Max(lease.LatestEventMicros, sequence.LastEventMicros);
            inputs[c] = Scorer.InputOf(sequence, maxLength, asOf, request.Cutter, champion.Model.Manifest.Data.ObservedEvents);
            chains[c] = (inputs[c].Urls.Count, stored is null ? 0 : Math.Min(stored.Length, inputs[c].Urls.Count), dropped);
        }

        ClickcastMetrics.ApiStage(ApiStage.Lookup, started);
        started = Stopwatch.GetTimestamp();
        var probabilities = await champion.ScoreAsync(inputs).ConfigureAwait(false);
        ClickcastMetrics.ApiStage(ApiStage.Model, started);
        started = Stopwatch.GetTimestamp();
        var threshold = champion.Model.Calibration.Threshold.Threshold;
        var predictions = new LivePrediction[inputs.Length];
        for (var c = 0; c < inputs.Length; c++)
        {
            double? percentile = lease.Distribution?.PercentileOf(probabilities[c]);
            var bucket = percentile is { } p ? ScoreBuckets.Name(request.Buckets.BucketOf(p)) : null;
            var factors = top > 0 ? champion.Explain(inputs[c], Math.Min(top, MaxTopFactors)) : [];
            predictions[c] = new LivePrediction(clients[c].ClientId, probabilities[c], percentile, bucket, probabilities[c] >= threshold, champion.Version, chains[c].Events, chains[c].Stored, factors, chains[c].Dropped);
        }

        if (top > 0)
        {
            ClickcastMetrics.ApiStage(ApiStage.Explain, started);
        }

        return new LiveScoringResult(LiveScoringOutcome.Scored, predictions);
    }

    /// <summary>
    /// The stored chain with the request's events appended: normalised, oldest first; events not newer than the
    /// stored chain's last event are taken as already ingested (so re-sending a request does not count twice).
    /// </summary>
    internal static (ClientSequence? Sequence, List<LiveEventDrop> Dropped) Chain(LiveClient client, ClientSequence? stored, EventNormalizer normalizer)
    {
        var dropped = new List<LiveEventDrop>();
        var fresh = new List<(long Micros, string Token, string Type)>(client.Events.Count);
        var after = stored?.LastEventMicros ?? long.MinValue;
        for (var i = 0; i < client.Events.Count; i++)
        {
            var e = client.Events[i];
            if (!normalizer.TryNormalize(e.Url, e.Type, userAgent: null, out var token, out var type, out var reason))
            {
                dropped.Add(new LiveEventDrop(i, reason.ToString()));
                continue;
            }

            var micros = (e.Time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
            if (micros <= after)
            {
                dropped.Add(new LiveEventDrop(i, "AlreadyStored"));
                continue;
            }

            fresh.Add((micros, token, type));
        }

        if (fresh.Count == 0)
        {
            return (stored, dropped);
        }

        fresh.Sort(static (a, b) => a.Micros.CompareTo(b.Micros));
        var storedLength = stored?.Length ?? 0;
        var urls = new string[storedLength + fresh.Count];
        var times = new long[urls.Length];
        var types = new string[urls.Length];
        if (stored is not null)
        {
            stored.UrlArray.CopyTo(urls, 0);
            stored.TimestampArray.CopyTo(times, 0);
            stored.EventTypeArray.CopyTo(types, 0);
        }

        for (var i = 0; i < fresh.Count; i++)
        {
            (times[storedLength + i], urls[storedLength + i], types[storedLength + i]) = fresh[i];
        }

        var clientId = client.ClientId ?? string.Empty;
        var sequence = new ClientSequence(
            clientId,
            ClientHash.Of(clientId),
            urls,
            times,
            types,
            stored?.FirstEventMicros ?? times[0],
            times[^1],
            (stored?.EventCount ?? 0) + fresh.Count);
        return (sequence, dropped);
    }
}
