using Microsoft.Extensions.Logging;

namespace Clickcast.Scoring;

/// <summary>What scoring tells an operator.</summary>
internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Information, "Scored {Clients} client(s) of {Tenant}/{Task} (full: {Full}) with model v{Version} in {Duration}")]
    public static partial void Scored(ILogger logger, string tenant, string task, int clients, bool full, int version, TimeSpan duration);

    [LoggerMessage(4002, LogLevel.Information, "Real-time scoring of {Tenant}/{Task} now uses champion v{Version} (was v{Previous})")]
    public static partial void ChampionWarmed(ILogger logger, string tenant, string task, int version, int? previous);

    [LoggerMessage(9661, LogLevel.Warning, "Real-time scoring of {Tenant}/{Task}: re-reading the champion, its score distribution or the data's \"now\" failed; requests keep the last ones read")]
    public static partial void ChampionRecheckFailed(ILogger logger, string tenant, string task, Exception exception);

    [LoggerMessage(3340, LogLevel.Information, "Scored shard {Shard} of {Shards} of {Tenant}/{Task} (run {RunId}): {Clients} client(s) in {Duration}")]
    public static partial void ShardScored(ILogger logger, string tenant, string task, string runId, int shard, int shards, long clients, TimeSpan duration);

    [LoggerMessage(3341, LogLevel.Information, "Committed scoring run {RunId} of {Tenant}/{Task} over {Shards} shard(s): {Clients} client(s) (full: {Full}) with model v{Version} in {Duration}")]
    public static partial void ShardsCommitted(ILogger logger, string tenant, string task, string runId, int shards, long clients, bool full, int version, TimeSpan duration);

    [LoggerMessage(4060, LogLevel.Warning, "The current scores {Key} are not in client order ({Reason}): merged once through a set of the run's clients and written back in order")]
    public static partial void CurrentUnordered(ILogger logger, string key, string reason);

    [LoggerMessage(4070, LogLevel.Warning, "The predictions of run {RunId} are not in client order ({Reason}): its monitoring report is tallied through a set of the converters' ids this time")]
    public static partial void MonitoringUnordered(ILogger logger, string runId, string reason);
}
