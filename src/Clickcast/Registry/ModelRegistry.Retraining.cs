using System.Data.Common;
using Clickcast.Metadata;
using Clickcast.Storage;

namespace Clickcast.Registry;

public sealed partial class ModelRegistry
{
    /// <summary>The task's retraining bookkeeping.</summary>
    public async Task<RetrainingState> GetRetrainingAsync(string tenant, string task, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(SelectRetraining);
        command.AddParameter("tenant", tenant).AddParameter("task", task);
        return await ReadRetrainingAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Pauses retraining by hand (one transaction, recorded with the actor and reason): the task then trains only
    /// when asked until the data grows by the policy's share or someone resumes it. Pausing a paused task changes
    /// nothing.
    /// </summary>
    public Task<RetrainingState> PauseRetrainingAsync(string tenant, string task, string reason, string actor, CancellationToken cancellationToken = default) =>
        ChangeRetrainingAsync(tenant, task, actor, before => before.Paused
            ? (before, null, null)
            : (before with { Status = RetrainingStatus.Paused, PausedReason = "paused by hand: " + reason }, ModelHistoryAction.RetrainingPaused, "paused by hand: " + reason), cancellationToken);

    /// <summary>
    /// Resumes retraining (one transaction, recorded with the actor and reason) and forgets the non-improving
    /// retrains so far; on an active task it only resets that count (recorded when there was one to reset).
    /// </summary>
    public Task<RetrainingState> ResumeRetrainingAsync(string tenant, string task, string reason, string actor, CancellationToken cancellationToken = default) =>
        ChangeRetrainingAsync(tenant, task, actor, before =>
        {
            var after = before with { Status = RetrainingStatus.Active, NonImproving = 0, PausedReason = null };
            return before switch
            {
                { Paused: true } => (after, ModelHistoryAction.RetrainingResumed, reason),
                { NonImproving: > 0 } => (after, ModelHistoryAction.RetrainingReset, reason),
                _ => (before, null, null),
            };
        }, cancellationToken);

    private const string SelectRetraining = "SELECT non_improving, paused, paused_reason, events_at_last_training, last_trained_at FROM retraining WHERE tenant = @tenant AND task = @task";

    private async Task<RetrainingState> ChangeRetrainingAsync(
        string tenant, string task, string actor, Func<RetrainingState, (RetrainingState After, ModelHistoryAction? Change, string? Detail)> change, CancellationToken cancellationToken)
    {
        TenantLayout.ValidateTenant(tenant);
        TenantLayout.ValidateTask(task);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _database.Dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await _database.Dialect.LockAsync(transaction, $"models:{tenant}:{task}", cancellationToken).ConfigureAwait(false);
        var before = await ReadRetrainingAsync(transaction, tenant, task, cancellationToken).ConfigureAwait(false);
        var (after, happened, detail) = change(before);
        if (happened is { } action)
        {
            await WriteRetrainingAsync(transaction, tenant, task, after, cancellationToken).ConfigureAwait(false);
            await AddHistoryAsync(transaction, tenant, task, null, action, detail, actor, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return after;
    }

    private static async Task<RetrainingState> ReadRetrainingAsync(DbTransaction transaction, string tenant, string task, CancellationToken cancellationToken)
    {
        await using var command = transaction.CreateCommand(SelectRetraining);
        command.AddParameter("tenant", tenant).AddParameter("task", task);
        return await ReadRetrainingAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<RetrainingState> ReadRetrainingAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new RetrainingState(reader.GetInt32(0), reader.GetInt32(1) != 0 ? RetrainingStatus.Paused : RetrainingStatus.Active, reader.GetNullableString(2), reader.GetInt64(3), reader.GetNullableTime(4))
            : RetrainingState.None;
    }

    private static async Task WriteRetrainingAsync(DbTransaction transaction, string tenant, string task, RetrainingState state, CancellationToken cancellationToken)
    {
        await using var upsert = transaction.CreateCommand("""
            INSERT INTO retraining (tenant, task, non_improving, paused, paused_reason, events_at_last_training, last_trained_at)
            VALUES (@tenant, @task, @non_improving, @paused, @reason, @events, @trained)
            ON CONFLICT (tenant, task) DO UPDATE SET non_improving = excluded.non_improving, paused = excluded.paused,
                paused_reason = excluded.paused_reason, events_at_last_training = excluded.events_at_last_training, last_trained_at = excluded.last_trained_at
            """);
        upsert.AddParameter("tenant", tenant).AddParameter("task", task).AddParameter("non_improving", state.NonImproving)
            .AddParameter("paused", state.Paused ? 1 : 0).AddParameter("reason", state.PausedReason).AddParameter("events", state.EventsAtLastTraining)
            .AddParameter("trained", state.LastTrainedAt);
        await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
