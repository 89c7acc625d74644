namespace Clickcast.Server.Predictions;

/// <summary>One client to score in real time: an id (its stored chain is read), its latest raw events, or both.</summary>
/// <param name="ClientId">The client as the CDP knows it; omit to score the events alone.</param>
/// <param name="Events">Raw events not ingested yet (at most 1,000), normalised by the tenant's ingest settings.</param>
/// <param name="Top">Top factors to return (0–20, default 5; 0 is fastest).</param>
public sealed record PredictRequest(string? ClientId = null, IReadOnlyList<PredictEvent>? Events = null, int? Top = null);

/// <summary>A raw event: when, the URL (or opaque token), and the type (default: the tenant's default event type).</summary>
/// <param name="Time">When it happened (ISO 8601 with an offset).</param>
/// <param name="Url">The URL or token, as the tenant's files carry it.</param>
/// <param name="Type">The event type.</param>
public sealed record PredictEvent(DateTimeOffset Time, string? Url, string? Type = null);

/// <summary>Several clients scored in one call (at most 100).</summary>
/// <param name="Clients">The clients.</param>
/// <param name="Top">Top factors per client (0–20, default 0).</param>
public sealed record PredictBatchRequest(IReadOnlyList<PredictRequest> Clients, int? Top = null);
