using System.Security.Cryptography;
using Clickcast.Pipeline.Jobs;
using Clickcast.Pipeline.Triggers;
using Clickcast.Server.Hosting;
using Clickcast.Server.Security;
using Clickcast.Server.Telemetry;
using Clickcast.Storage;
using Clickcast.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clickcast.Server.Uploads;

/// <summary>
/// Clickstream uploads: the body is streamed to a temporary file while it is hashed and counted, checked against
/// the size limit and the optional checksums, and only then stored under the tenant's raw prefix and handed to the
/// object sensor — the same exactly-once path as a file dropped into storage. A refused upload stores nothing;
/// one that would take the tenant past its stored-bytes quota is refused with a 507 (<see cref="UploadQuota"/>).
/// </summary>
public static class UploadsApi
{
    /// <summary>Header with the SHA-256 of the body, lowercase or uppercase hex.</summary>
    public const string Sha256Header = "X-Clickcast-Sha256";

    public static IEndpointRouteBuilder MapUploadsApi(this IEndpointRouteBuilder app)
    {
        var uploads = app.TenantApi("/uploads", "Uploads");
        uploads.MapGet("", ListAsync).WithSummary("Files under the tenant's raw prefix with their ingest runs.");
        uploads.MapPut("/{**name}", UploadAsync).RequireRateLimiting(ApiRoutes.UploadRateLimit).Allow(AllowedScopes.Uploading)
            .WithSummary("Uploads one clickstream file (the raw body; checksums in Content-MD5 or X-Clickcast-Sha256) and triggers its ingest at once.");
        return app;
    }

    private static async Task<Ok<List<RawFile>>> ListAsync(string tenant, IObjectStore store, JobQueue queue, IOptions<SensorOptions> sensor, CancellationToken cancellationToken)
    {
        var files = new List<RawFile>();
        await foreach (var item in store.ListAsync(TenantLayout.Root(tenant) + sensor.Value.Prefix, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var run = await queue.FindAsync(tenant, ObjectSensor.IdempotencyKey(tenant, item.Key, item.ETag), cancellationToken).ConfigureAwait(false);
            files.Add(new RawFile(item.Key, item.Size, item.LastModified, item.ETag, run));
            if (files.Count == 1000)
            {
                break;
            }
        }

        return TypedResults.Ok(files);
    }

    private static async Task<Results<Created<UploadResult>, ProblemHttpResult>> UploadAsync(
        string tenant,
        string name,
        HttpContext http,
        IObjectStore store,
        ObjectSensor sensor,
        JobQueue queue,
        IOptions<SensorOptions> sensorOptions,
        IOptions<ServerOptions> serverOptions,
        IOptions<TenantLimits> limits,
        ServerMetrics metrics,
        ILogger<UploadResult> logger,
        CancellationToken cancellationToken)
    {
        var key = TenantLayout.Root(tenant) + sensorOptions.Value.Prefix + name;
        if (string.IsNullOrEmpty(name) || ObjectKey.Problem(key) is { } problem)
        {
            return Problems.BadRequest($"'{name}' is not a file name ({(string.IsNullOrEmpty(name) ? "the name is empty" : ObjectKey.Problem(key))}): use '/'-separated segments without '.', '..', '\\' or control characters, at most {ObjectKey.MaxSegmentBytes} UTF-8 bytes each.");
        }

        if (await UploadNames.CollisionAsync(store, key, cancellationToken).ConfigureAwait(false) is { } collision)
        {
            return Problems.BadRequest($"'{name}' cannot be stored: {collision}. Choose another name.");
        }

        var limit = serverOptions.Value.MaxUploadBytes;
        if (http.Request.ContentLength > limit)
        {
            Log.Refused(logger, key, "too large");
            return Problems.TooLarge($"The file has {http.Request.ContentLength} bytes; uploads may have at most {limit}.");
        }

        var quota = limits.Value.MaxStoredBytesPerTenant;
        var usage = quota == 0 ? default : await sensor.UsageAsync(tenant, key, cancellationToken).ConfigureAwait(false);
        if (http.Request.ContentLength is { } announced && UploadQuota.Check(usage, quota, tenant, name, key, announced, logger) is { } overQuota)
        {
            return overQuota;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        var expectedMd5 = http.Request.Headers["Content-MD5"].ToString();
        var expectedSha = http.Request.Headers[Sha256Header].ToString();
        var temp = ScratchSpace.Process.NewPath("upload");
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            long bytes = 0;
            await using (var file = new FileStream(temp, Clickcast.Metadata.PrivateFiles.NewFile(FileOptions.Asynchronous)))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await http.Request.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    bytes += read;
                    if (bytes > limit)
                    {
                        Log.Refused(logger, key, "too large");
                        return Problems.TooLarge($"The file is larger than the upload limit of {limit} bytes.");
                    }

                    sha.AppendData(buffer, 0, read);
                    md5.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }

            var shaHex = Convert.ToHexStringLower(sha.GetHashAndReset());
            var md5Base64 = Convert.ToBase64String(md5.GetHashAndReset());
            if (expectedSha.Length > 0 && !string.Equals(expectedSha, shaHex, StringComparison.OrdinalIgnoreCase))
            {
                Log.Refused(logger, key, "SHA-256 mismatch");
                return Problems.BadRequest($"The body's SHA-256 is {shaHex}, not the {Sha256Header} sent ({expectedSha}): the file was changed or cut on the way; nothing was stored.");
            }

            if (expectedMd5.Length > 0 && !string.Equals(expectedMd5, md5Base64, StringComparison.Ordinal))
            {
                Log.Refused(logger, key, "MD5 mismatch");
                return Problems.BadRequest($"The body's MD5 is {md5Base64}, not the Content-MD5 sent ({expectedMd5}): the file was changed or cut on the way; nothing was stored.");
            }

            if (bytes == 0)
            {
                return Problems.BadRequest("The upload is empty: send the file as the request body.");
            }

            if (UploadQuota.Check(usage, quota, tenant, name, key, bytes, logger) is { } overQuotaRead)
            {
                return overQuotaRead;
            }

            var stored = await store.PutFileAsync(key, temp, cancellationToken).ConfigureAwait(false);
            var notification = await sensor.NotifyObjectCreatedAsync(key, cancellationToken).ConfigureAwait(false);
            var run = await queue.FindAsync(tenant, ObjectSensor.IdempotencyKey(tenant, stored.Key, stored.ETag), cancellationToken).ConfigureAwait(false);
            metrics.Uploaded(tenant, bytes);
            Log.Uploaded(logger, key, bytes, notification);
            return TypedResults.Created($"/api/tenants/{tenant}/uploads/{name}", new UploadResult(key, bytes, shaHex, stored.ETag, notification, run));
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
