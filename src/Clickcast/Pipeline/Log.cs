using Clickcast.Pipeline.Jobs;
using Microsoft.Extensions.Logging;

namespace Clickcast.Pipeline;

/// <summary>What the pipeline tells an operator.</summary>
internal static partial class Log
{
    [LoggerMessage(7001, LogLevel.Information, "{Tenant}/{Task}: trained v{Version}, promoted: {Promoted} ({Decision})")]
    public static partial void Trained(ILogger logger, string tenant, string task, int version, bool promoted, string decision);

    [LoggerMessage(7002, LogLevel.Information, "Job {JobId} ({Kind}) of {Tenant} enqueued {Next} follow-up job(s)")]
    public static partial void FollowUps(ILogger logger, long jobId, JobKind kind, string tenant, int next);

    [LoggerMessage(7003, LogLevel.Warning, "Tenant {Tenant}: polling for new files failed")]
    public static partial void PollFailed(ILogger logger, string tenant, Exception exception);

    [LoggerMessage(7004, LogLevel.Information, "{Tenant}/{Task}: schedule '{Schedule}' is due ({Kind} at {Occurrence})")]
    public static partial void ScheduleDue(ILogger logger, string tenant, string task, string schedule, JobKind kind, DateTimeOffset occurrence);
}
