using Clickcast.Export;
using Clickcast.Registry;
using Clickcast.Scoring;
using Clickcast.Server.Hosting;
using Clickcast.Tenants;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clickcast.Server.Telemetry;

/// <summary>
/// Reads the per-task gauges of <see cref="ServerMetrics"/> every <see cref="ServerOptions.TaskMetricsRefreshInterval"/>
/// (registered only with <see cref="ServerOptions.MetricsTenantLabels"/>); a task that cannot be read keeps no gauges
/// until the next refresh, the others are unaffected.
/// </summary>
internal sealed class TaskGaugesRefresher(TenantCatalog catalog, ModelRegistry registry, Scorer scorer, DeliveryHistory deliveries, ServerMetrics metrics, IOptions<ServerOptions> options, TimeProvider time, ILogger<TaskGaugesRefresher> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicWork.RunAsync(
        options.Value.TaskMetricsRefreshInterval,
        time,
        async ct => metrics.SetTaskGauges(await ReadAsync(ct).ConfigureAwait(false)),
        ex => Log.TaskGaugesFailed(logger, "*", "*", ex),
        stoppingToken);

    /// <summary>The gauges of every task of every tenant, now.</summary>
    internal async Task<IReadOnlyList<TaskGauges>> ReadAsync(CancellationToken cancellationToken)
    {
        var gauges = new List<TaskGauges>();
        IReadOnlyList<TenantDefinition> tenants;
        try
        {
            tenants = await catalog.ListAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.TaskGaugesFailed(logger, "*", "*", ex);
            return gauges;
        }

        foreach (var tenant in tenants)
        {
            foreach (var task in tenant.Tasks)
            {
                try
                {
                    gauges.Add(await ReadAsync(tenant.Id, task.Id, cancellationToken).ConfigureAwait(false));
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // A timeout (a cancellation that is not the caller's) is this task's failure too.
                    Log.TaskGaugesFailed(logger, tenant.Id, task.Id, ex);
                }
            }
        }

        return gauges;
    }

    private async Task<TaskGauges> ReadAsync(string tenant, string task, CancellationToken cancellationToken)
    {
        var champion = await registry.GetChampionAsync(tenant, task, cancellationToken).ConfigureAwait(false);
        var state = await scorer.GetStateAsync(tenant, task, cancellationToken).ConfigureAwait(false);
        var last = state?.Runs.MaxBy(r => r.ScoredAt);
        var exported = (await deliveries.ListAsync(tenant, task, cancellationToken).ConfigureAwait(false))
            .Where(d => d.Status == DeliveryStatus.Delivered && d.LastAttemptAt is not null)
            .Max(d => d.LastAttemptAt);
        TimeSpan? age = last is null ? null : time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(last.AsOfMicros / 1000);
        return new TaskGauges(tenant, task, champion?.TestAuc, state?.Distribution.Clients, age, last?.ScoredAt, exported, last?.Psi);
    }
}
