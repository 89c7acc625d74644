using Microsoft.Extensions.Logging;

namespace Clickcast.Server.Audit;

/// <summary>What the audit log tells an operator.</summary>
internal static partial class Log
{
    [LoggerMessage(9500, LogLevel.Error, "Could not write the audit entry of {Action} on tenant {Tenant}")]
    public static partial void AuditWriteFailed(ILogger logger, string action, string? tenant, Exception exception);

    [LoggerMessage(9680, LogLevel.Information, "Deleted {Count} audit entries older than {Retention} (Audit:Retention)")]
    public static partial void AuditPurged(ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(9681, LogLevel.Warning, "Could not delete old audit entries; trying again in a day")]
    public static partial void AuditPurgeFailed(ILogger logger, Exception exception);
}
