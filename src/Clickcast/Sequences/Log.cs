using Microsoft.Extensions.Logging;

namespace Clickcast.Sequences;

/// <summary>What sequence building tells an operator.</summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Information, "Sequences of {Tenant}: {Mode} update to generation {Generation}, {Files} event file(s), {Events} events, {Clients} client(s) updated, in {Duration}")]
    public static partial void Updated(ILogger logger, string tenant, SequenceUpdateMode mode, long generation, int files, long events, long clients, TimeSpan duration);

    [LoggerMessage(2002, LogLevel.Information, "Sequences of {Tenant}: compacting {Deltas} delta segment(s) ({DeltaEvents} events) into the base ({BaseEvents} events)")]
    public static partial void Compacting(ILogger logger, string tenant, int deltas, long deltaEvents, long baseEvents);

    [LoggerMessage(2003, LogLevel.Information, "Sequences of {Tenant}: full rebuild because {Reason}")]
    public static partial void FullRebuild(ILogger logger, string tenant, string reason);

    [LoggerMessage(3320, LogLevel.Information, "Sequences of {Tenant}: shard {Shard} of {Shards} built ({Mode}) for generation {Generation}, {Files} event file(s), {Events} events, in {Duration}")]
    public static partial void ShardBuilt(ILogger logger, string tenant, int shard, int shards, SequenceUpdateMode mode, long generation, int files, long events, TimeSpan duration);

    [LoggerMessage(3321, LogLevel.Information, "Sequences of {Tenant}: shard {Shard} of {Shards} rebuilt in full because {Reason}")]
    public static partial void ShardFullRebuild(ILogger logger, string tenant, int shard, int shards, string reason);

    [LoggerMessage(3322, LogLevel.Warning, "Sequences of {Tenant}: generation {Generation} not committed ({Outcome}): the manifest is at generation {Current}")]
    public static partial void ShardsNotCommitted(ILogger logger, string tenant, long generation, SequenceCommitOutcome outcome, long current);

    [LoggerMessage(9660, LogLevel.Warning, "Sequences of {Tenant}: re-reading the manifest for real-time lookups failed; the last one read keeps answering")]
    public static partial void ManifestRefreshFailed(ILogger logger, string tenant, Exception exception);
}
