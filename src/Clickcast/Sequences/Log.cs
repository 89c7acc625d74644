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

    [LoggerMessage(9660, LogLevel.Warning, "Sequences of {Tenant}: re-reading the manifest for real-time lookups failed; the last one read keeps answering")]
    public static partial void ManifestRefreshFailed(ILogger logger, string tenant, Exception exception);
}
