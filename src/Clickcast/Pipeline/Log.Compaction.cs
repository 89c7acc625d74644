using Microsoft.Extensions.Logging;

namespace Clickcast.Pipeline;

/// <summary>What the pipeline tells an operator about compacting a tenant's events.</summary>
internal static partial class Log
{
    [LoggerMessage(4050, LogLevel.Information, "Compacted the events of {Tenant}: {Folders} folder(s), {Merged} file(s) merged into {Written}, {Rows} events, {Deleted} file(s) deleted")]
    public static partial void EventsCompacted(ILogger logger, string tenant, int folders, int merged, int written, long rows, int deleted);

}
