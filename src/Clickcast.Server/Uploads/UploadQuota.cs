using Clickcast.Pipeline.Triggers;
using Clickcast.Server.Hosting;
using Clickcast.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace Clickcast.Server.Uploads;

/// <summary>
/// The stored-bytes quota on uploads (<see cref="TenantLimits.MaxStoredBytesPerTenant"/>): the tenant's raw bytes as the
/// object sensor recorded them (one SQL sum), minus the file an upload replaces, plus the upload. Checked against the
/// Content-Length before the body is read and against the bytes read before anything is stored. Two uploads racing
/// may both pass, so the cap can be exceeded by at most the uploads in flight.
/// </summary>
internal static class UploadQuota
{
    public const string Setting = "Limits:" + nameof(TenantLimits.MaxStoredBytesPerTenant);

    /// <summary>The 507 for an upload of <paramref name="bytes"/> over the quota, or null when it fits (or there is no cap).</summary>
    public static ProblemHttpResult? Check(RawUsage usage, long maxStoredBytes, string tenant, string name, string key, long bytes, ILogger logger)
    {
        if (maxStoredBytes == 0 || usage.After(bytes) <= maxStoredBytes)
        {
            return null;
        }

        Log.OverQuota(logger, key, tenant, usage.StoredBytes, bytes, maxStoredBytes);
        var replaced = usage.KeyBytes > 0 ? $" ({usage.KeyBytes} of them in '{name}', which this upload replaces)" : string.Empty;
        return Problems.OverQuota(
            $"Tenant '{tenant}' stores {usage.StoredBytes} bytes of raw files{replaced}; this upload of {bytes} bytes would make it {usage.After(bytes)}, " +
            $"over the tenant's quota of {maxStoredBytes} bytes ({Setting}). Nothing was stored: ask the operator to raise {Setting}, or to remove raw files the tenant no longer needs.",
            Setting,
            usage.StoredBytes,
            bytes,
            maxStoredBytes);
    }
}
