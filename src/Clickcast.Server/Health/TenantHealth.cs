using Clickcast.Ingestion;

namespace Clickcast.Server.Health;

/// <summary>
/// The data health of a tenant: is its data still arriving, and what is refused. Per-day figures and the quarantine
/// list come from the ingest reports (<see cref="IngestHealth"/>); clients from the sequences manifest.
/// </summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Days">Days covered by the per-day lists.</param>
/// <param name="CheckedAt">The server's time of this answer: what the ages are measured to.</param>
/// <param name="SinceLastIngest">Time since the last ingest finished, or null before the first.</param>
/// <param name="DataAge">Time since the latest event (in the ingest reports or the sequences), or null without events.</param>
/// <param name="Sequences">The sequences' clients and latest event, or null before the first build.</param>
/// <param name="Ingest">Per-day arrivals, events per day, totals and the quarantine list.</param>
public sealed record TenantHealth(
    string Tenant,
    int Days,
    DateTimeOffset CheckedAt,
    TimeSpan? SinceLastIngest,
    TimeSpan? DataAge,
    SequenceHealth? Sequences,
    IngestHealth Ingest);
