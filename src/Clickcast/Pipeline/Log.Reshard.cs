using Microsoft.Extensions.Logging;

namespace Clickcast.Pipeline;

/// <summary>What the pipeline tells an operator about re-sharding a tenant's events.</summary>
internal static partial class Log
{
    [LoggerMessage(3300, LogLevel.Information, "Re-sharded {Tenant} from {From} to {To} shard(s): {Rows} events in {Files} file(s), {Deleted} old file(s) deleted")]
    public static partial void Resharded(ILogger logger, string tenant, int from, int to, long rows, int files, int deleted);
}
