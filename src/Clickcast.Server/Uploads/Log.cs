using Microsoft.Extensions.Logging;

namespace Clickcast.Server.Uploads;

/// <summary>What uploads tell an operator.</summary>
internal static partial class Log
{
    [LoggerMessage(9201, LogLevel.Information, "Upload {Key}: {Bytes} bytes, sensor said {Notification}")]
    public static partial void Uploaded(ILogger logger, string key, long bytes, Pipeline.Triggers.NotificationResult notification);

    [LoggerMessage(9202, LogLevel.Warning, "Upload {Key} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string key, string reason);

    [LoggerMessage(8650, LogLevel.Warning, "Upload {Key} refused: tenant {Tenant} stores {StoredBytes} bytes of raw files, {UploadBytes} more would pass its quota of {MaxStoredBytes} (Limits:MaxStoredBytesPerTenant)")]
    public static partial void OverQuota(ILogger logger, string key, string tenant, long storedBytes, long uploadBytes, long maxStoredBytes);
}
