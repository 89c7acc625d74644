using Clickcast.Server.Hosting;
using Clickcast.Tenants.Audit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clickcast.Server.Audit;

/// <summary>
/// Deletes audit entries older than <see cref="AuditOptions.Retention"/>: once when the server starts, then every
/// <see cref="Interval"/>. A failed purge is logged and tried again at the next one.
/// </summary>
internal sealed class AuditRetention(AuditLog log, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditRetention> logger) : BackgroundService
{
    /// <summary>How often the purge runs after the first.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicWork.RunAsync(Interval, time, PurgeOnceAsync, ex => Log.AuditPurgeFailed(logger, ex), stoppingToken);

    /// <summary>One purge: how many entries it deleted (0 when it failed, which is logged).</summary>
    internal async Task<int> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        var retention = options.Value.Retention;
        try
        {
            var deleted = await log.PurgeAsync(retention, cancellationToken).ConfigureAwait(false);
            if (deleted > 0)
            {
                Log.AuditPurged(logger, deleted, retention);
            }

            return deleted;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.AuditPurgeFailed(logger, ex);
            return 0;
        }
    }
}
