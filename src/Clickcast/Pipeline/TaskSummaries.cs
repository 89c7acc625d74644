using System.Data.Common;
using Clickcast.Metadata;
using Clickcast.Pipeline.Jobs;
using Clickcast.Registry;
using Clickcast.Scoring;
using Clickcast.Tenants;
using Clickcast.Training.Evaluation;

namespace Clickcast.Pipeline;

/// <summary>
/// Reads what the dashboard and <c>tasks list</c> show per task. A task's jobs are its own and its tenant's data jobs
/// (ingest, sequences, backfill: they have no task), since those feed every task.
/// </summary>
public sealed class TaskSummaries(MetadataDatabase database, ModelRegistry registry, Scorer scorer)
{
    /// <summary>The summary of one task of <paramref name="tenant"/>.</summary>
    public async Task<TaskSummary> GetAsync(string tenant, TaskDefinition task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var champion = await registry.GetChampionAsync(tenant, task.Id, cancellationToken).ConfigureAwait(false);
        var retraining = await registry.GetRetrainingAsync(tenant, task.Id, cancellationToken).ConfigureAwait(false);
        var models = (await registry.ListAsync(tenant, task.Id, cancellationToken).ConfigureAwait(false)).Count;
        var state = await scorer.GetStateAsync(tenant, task.Id, cancellationToken).ConfigureAwait(false);
        var lastRun = state?.Runs.Count > 0 ? state.Runs[^1] : null;

        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var pending = await ReadJobAsync(connection, tenant, task.Id, "status IN ('Queued', 'Running')", "id", cancellationToken).ConfigureAwait(false);
        var finished = await ReadJobAsync(connection, tenant, task.Id, "status IN ('Succeeded', 'DeadLettered', 'Cancelled')", "COALESCE(finished_at, 0) DESC, id", cancellationToken).ConfigureAwait(false);
        var newest = await ReadJobAsync(connection, tenant, task.Id, "1 = 1", "id", cancellationToken).ConfigureAwait(false);
        var trained = await ReadJobAsync(connection, tenant, task.Id, $"kind = '{nameof(JobKind.Train)}' AND status = 'Succeeded'", "COALESCE(finished_at, 0) DESC, id", cancellationToken).ConfigureAwait(false);

        var (freshness, reason) = TaskFreshnessRules.Decide(pending, finished, trained, champion is not null, retraining);

        return new TaskSummary(
            tenant,
            task.Id,
            task.Attribute,
            task.Description,
            freshness,
            reason,
            champion is null ? null : new ChampionSummary(champion.Version, champion.Family, champion.TestAuc, champion.TestAuc is { } auc ? QualityVerdict.FromAuc(auc) : null, champion.CreatedAt),
            retraining,
            models,
            lastRun?.ScoredAt,
            state?.Distribution.Clients,
            newest);
    }

    /// <summary>Summaries of every task of a tenant, in definition order.</summary>
    public async Task<IReadOnlyList<TaskSummary>> ListAsync(TenantDefinition tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var result = new List<TaskSummary>(tenant.Tasks.Count);
        foreach (var task in tenant.Tasks)
        {
            result.Add(await GetAsync(tenant.Id, task, cancellationToken).ConfigureAwait(false));
        }

        return result;
    }

    private static async Task<JobBrief?> ReadJobAsync(DbConnection connection, string tenant, string task, string filter, string order, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand($"""
            SELECT id, kind, status, created_at, finished_at, last_error, outcome, outcome_reason, attempts, max_attempts, next_run_at FROM jobs
            WHERE tenant = @tenant AND (task = @task OR task IS NULL) AND {filter}
            ORDER BY {order} DESC LIMIT 1
            """);
        command.AddParameter("tenant", tenant).AddParameter("task", task);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new JobBrief(reader.GetInt64(0), Enum.Parse<JobKind>(reader.GetString(1)), Enum.Parse<JobStatus>(reader.GetString(2)), reader.GetTime(3), reader.GetNullableTime(4), reader.GetNullableString(5))
            {
                Outcome = reader.GetNullableString(6) is { } outcome ? Enum.Parse<RunOutcome>(outcome) : null,
                OutcomeReason = reader.GetNullableString(7),
                Attempts = reader.GetInt32(8),
                MaxAttempts = reader.GetInt32(9),
                NextRunAt = reader.GetTime(10),
            }
            : null;
    }
}
