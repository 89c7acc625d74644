using Microsoft.Extensions.Logging;

namespace Clickcast.Pipeline.Triggers;

/// <summary>What the object sensor tells an operator.</summary>
internal static partial class Log
{
    [LoggerMessage(7101, LogLevel.Information, "Tenant {Tenant}: {Enqueued} new object(s) under {Prefix} enqueued for ingest ({Listed} listed)")]
    public static partial void ObjectsEnqueued(ILogger logger, string tenant, string prefix, int enqueued, int listed);

    [LoggerMessage(7102, LogLevel.Debug, "Tenant {Tenant}: nothing new under {Prefix} ({Listed} listed)")]
    public static partial void NothingNew(ILogger logger, string tenant, string prefix, int listed);

    [LoggerMessage(7103, LogLevel.Error, "Tenant {Tenant}: listing {Prefix} for new objects failed; trying again at the next poll")]
    public static partial void PollFailed(ILogger logger, string tenant, string prefix, Exception exception);

    [LoggerMessage(7104, LogLevel.Information, "Notification for {Key}: {Result}")]
    public static partial void Notified(ILogger logger, string key, NotificationResult result);

    [LoggerMessage(7105, LogLevel.Information, "Object sensor started for {Tenants} tenant(s), every {PollInterval}")]
    public static partial void SensorStarted(ILogger logger, int tenants, TimeSpan pollInterval);
}
