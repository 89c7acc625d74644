using Clickcast.Pipeline.Triggers;
using Clickcast.Storage;
using Clickcast.Tenants;
using Cronos;
using Microsoft.Extensions.Options;

namespace Clickcast.Server.Tenants;

/// <summary>
/// Provisions a task: records its layout under its prefix (<c>tasks/{task}/provisioning.json</c>), makes the raw
/// prefix exist on a local store, and describes its trigger and schedules. The sensor and the schedule checker read
/// the catalog, so a saved task is live at their next pass; nothing else needs creating.
/// </summary>
internal sealed class Provisioner(IObjectStore store, IOptions<SensorOptions> sensor, TimeProvider time)
{
    public TaskProvisioning Describe(string tenant, TaskDefinition task)
    {
        var now = time.GetUtcNow();
        var schedules = new List<ScheduleView>();
        foreach (var (kind, cron) in new[] { ("Train", task.Retraining.Schedule), ("Score", task.Scoring.Schedule) })
        {
            if (!string.IsNullOrWhiteSpace(cron))
            {
                schedules.Add(new ScheduleView(kind, cron, CronExpression.Parse(cron).GetNextOccurrence(now, TimeZoneInfo.Utc)));
            }
        }

        var raw = TenantLayout.Root(tenant) + sensor.Value.Prefix;
        return new TaskProvisioning(
            tenant,
            task.Id,
            raw,
            TenantLayout.TaskRoot(tenant, task.Id),
            TenantLayout.TaskRoot(tenant, task.Id) + "models/",
            TenantLayout.Predictions(tenant, task.Id),
            TenantLayout.Exports(tenant, task.Id),
            [
                $"object created under {raw}: listed every {sensor.Value.PollInterval.TotalSeconds:0} s, at once on PUT /api/tenants/{tenant}/uploads/{{name}} or a bucket notification to POST /api/notifications/s3",
                task.Retraining.Schedule is null ? "retraining: when the data has grown by " + task.Retraining.MinNewDataShare.ToString("P0", System.Globalization.CultureInfo.InvariantCulture) : "retraining: on its schedule, and on demand",
                task.Scoring.Schedule is null ? "scoring: after every sequence update" : "scoring: on its schedule, and after training",
            ],
            schedules);
    }

    public async Task<TaskProvisioning> ProvisionAsync(string tenant, TaskDefinition task, CancellationToken cancellationToken)
    {
        var provisioning = Describe(tenant, task);
        if (store is LocalObjectStore local)
        {
            Directory.CreateDirectory(local.PathOf(provisioning.RawPrefix.TrimEnd('/')));
        }

        await store.PutJsonAsync(provisioning.TaskPrefix + "provisioning.json", provisioning, ClickcastJson.Indented, cancellationToken).ConfigureAwait(false);
        return provisioning;
    }
}
