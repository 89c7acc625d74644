using System.Text.Json;
using Clickcast.Pipeline.Triggers;
using Clickcast.Server.Hosting;
using Clickcast.Server.Security;
using Clickcast.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Clickcast.Server.Notifications;

/// <summary>
/// Bucket notifications (MinIO webhook target, AWS S3 events, Yandex Object Storage triggers): each object-created
/// record goes through the sensor's ledger at once, so ingest starts without waiting for the next listing, exactly
/// once even when the listing sees the file too. A tenant key may only notify its own tenant's keys.
/// </summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        app.Api("/notifications", "Notifications").MapPost("/s3", NotifyAsync).Allow(AllowedScopes.Uploading)
            .WithSummary("Accepts an S3 bucket event notification (MinIO / AWS / Yandex Object Storage JSON) and triggers ingest of created objects.");
        return app;
    }

    private static async Task<Results<Ok<List<NotifiedObject>>, ProblemHttpResult>> NotifyAsync(
        JsonElement body, HttpContext http, ObjectSensor sensor, IOptions<ClickcastOptions> options, CancellationToken cancellationToken)
    {
        if (BucketEvents.Parse(body) is not { } records)
        {
            return Problems.BadRequest("Not a bucket notification: expected S3 event JSON ({\"Records\": [...]}) or Yandex Object Storage trigger messages ({\"messages\": [...]}).");
        }

        var settings = options.Value;
        var s3 = settings.Storage == StorageKind.S3;
        var prefix = s3 ? settings.S3.NormalizedKeyPrefix : string.Empty;
        var caller = Caller.From(http.User);
        var planned = new List<(string Key, bool Act)>();
        foreach (var (bucket, rawKey, created) in records)
        {
            var inBucket = !s3 || bucket is null || bucket == settings.S3.Bucket;
            var key = rawKey.StartsWith(prefix, StringComparison.Ordinal) ? rawKey[prefix.Length..] : rawKey;
            var parts = key.Split('/', 3);
            if (!caller.IsAdmin && (parts.Length < 2 || parts[0] != TenantLayout.TenantsRoot || parts[1] != caller.Tenant))
            {
                // Nothing is done for a request that is not allowed in full.
                return Problems.Forbidden($"This key belongs to tenant '{caller.Tenant}': it may only notify objects under tenants/{caller.Tenant}/.");
            }

            planned.Add((key, created && inBucket && (!s3 || rawKey.StartsWith(prefix, StringComparison.Ordinal))));
        }

        var results = new List<NotifiedObject>(planned.Count);
        foreach (var (key, act) in planned)
        {
            results.Add(new NotifiedObject(key, act ? (await sensor.NotifyObjectCreatedAsync(key, cancellationToken).ConfigureAwait(false)).ToString() : "Ignored"));
        }

        return TypedResults.Ok(results);
    }
}
