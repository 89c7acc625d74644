using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.Sequences;
using Clickcast.Server.Hosting;
using Clickcast.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Clickcast.Server.Health;

/// <summary>The data health page's API: events per day, refusals by reason and the quarantine list, from per-file ingest reports.</summary>
public static class HealthApi
{
    /// <summary>Days covered when the caller does not say.</summary>
    public const int DefaultDays = 30;

    /// <summary>The most days one request may cover.</summary>
    public const int MaxDays = 366;

    /// <summary>The most quarantined files listed (newest first); the total is given beside them.</summary>
    public const int MaxQuarantinedListed = 100;

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.TenantApi("/health", "Health").MapGet("", GetAsync).Allow(AllowedScopes.Reading)
            .WithSummary("Data health: per day files, rows read, events kept and dropped by reason; events per day of their time; clients, latest event, last ingest; the quarantined files.");
        return app;
    }

    private static async Task<Results<Ok<TenantHealth>, ProblemHttpResult>> GetAsync(
        string tenant, int? days, Ingestor ingestor, SequenceStore sequences, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var span = days ?? DefaultDays;
        if (span is < 1 or > MaxDays)
        {
            return Problems.BadRequest($"days must be between 1 and {MaxDays}; it was {span}.");
        }

        var now = timeProvider.GetUtcNow();
        var ingest = await ingestor.ReadHealthAsync(tenant, DateOnly.FromDateTime(now.UtcDateTime), span, MaxQuarantinedListed, cancellationToken).ConfigureAwait(false);
        var manifest = await sequences.GetManifestAsync(tenant, cancellationToken).ConfigureAwait(false);
        var sequence = manifest is null ? null : new SequenceHealth(
            manifest.Generation,
            manifest.UpdatedAt,
            manifest.Segments.Where(s => s.Kind == SegmentKind.Base).Sum(s => s.Clients),
            manifest.Segments.Where(s => s.Kind == SegmentKind.Delta).Sum(s => s.Clients),
            manifest.BaseEvents + manifest.DeltaEvents,
            manifest.LatestEventMicros > 0 ? new DateTimeOffset(EventFile.ToDateTime(manifest.LatestEventMicros)) : null);
        var latest = new[] { ingest.LatestEventAt, sequence?.LatestEventAt }.Max();
        return TypedResults.Ok(new TenantHealth(tenant, span, now, now - ingest.LastIngestAt, now - latest, sequence, ingest));
    }
}
