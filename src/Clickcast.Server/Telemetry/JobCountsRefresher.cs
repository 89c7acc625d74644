using Clickcast.Pipeline.Jobs;
using Clickcast.Server.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clickcast.Server.Telemetry;

/// <summary>Reads the job counts behind <see cref="ServerMetrics"/> every <see cref="ServerOptions.MetricsRefreshInterval"/>.</summary>
internal sealed class JobCountsRefresher(JobQueue queue, ServerMetrics metrics, IOptions<ServerOptions> options, TimeProvider time, ILogger<JobCountsRefresher> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicWork.RunAsync(
        options.Value.MetricsRefreshInterval,
        time,
        async ct =>
        {
            var (byStatus, due) = await queue.CountAsync(ct).ConfigureAwait(false);
            metrics.SetJobCounts(byStatus, due);
        },
        ex => Log.CountsFailed(logger, ex),
        stoppingToken);
}
