using Clickcast.Pipeline.Jobs;
using Clickcast.Server.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clickcast.Server.Telemetry;

/// <summary>Reads the job counts behind <see cref="ServerMetrics"/> every <see cref="ServerOptions.MetricsRefreshInterval"/>.</summary>
internal sealed class JobCountsRefresher(JobQueue queue, ServerMetrics metrics, IOptions<ServerOptions> options, TimeProvider time, ILogger<JobCountsRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MetricsRefreshInterval, time);
        do
        {
            try
            {
                var (byStatus, due) = await queue.CountAsync(stoppingToken).ConfigureAwait(false);
                metrics.SetJobCounts(byStatus, due);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.CountsFailed(logger, ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
