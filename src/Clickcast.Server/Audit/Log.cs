using Microsoft.Extensions.Logging;

namespace Clickcast.Server.Audit;

/// <summary>What the audit log tells an operator.</summary>
internal static partial class Log
{
    [LoggerMessage(9500, LogLevel.Error, "Could not write the audit entry of {Action} on tenant {Tenant}")]
    public static partial void AuditWriteFailed(ILogger logger, string action, string? tenant, Exception exception);
}
