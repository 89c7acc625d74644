using Microsoft.Extensions.Logging;

namespace Clickcast.Server.Telemetry;

/// <summary>What telemetry tells an operator.</summary>
internal static partial class Log
{
    [LoggerMessage(9301, LogLevel.Warning, "Could not read job counts for the metrics; trying again at the next refresh")]
    public static partial void CountsFailed(ILogger logger, Exception exception);

    [LoggerMessage(9400, LogLevel.Warning, "Could not read the gauges of task {Tenant}/{Task} for the metrics; trying again at the next refresh")]
    public static partial void TaskGaugesFailed(ILogger logger, string tenant, string task, Exception exception);
}
