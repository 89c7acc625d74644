using System.Data.Common;
using Clickcast.Metadata;
using Clickcast.Storage;
using Microsoft.Extensions.Logging;

namespace Clickcast.Registry;

/// <summary>
/// Every model version of every task, the champion pointer and the history of decisions, in the metadata database.
/// Versions are immutable folders in the object store; the registry only points at them. The champion changes
/// in one write transaction with the statuses and the history, so a reader never sees two champions or none.
/// </summary>
public sealed partial class ModelRegistry
{
    private const string Columns = "tenant, task, version, status, family, folder_key, job_id, warm_started_from, validation_auc, test_auc, champion_auc_on_same_test, data_generation, data_events, decision, created_at";

    private readonly MetadataDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ModelRegistry(MetadataDatabase database, TimeProvider timeProvider, ILogger<ModelRegistry> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _database = database;
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Reserves the next version number for a training job and returns it; a retried job gets its own earlier
    /// reservation back, so a crash mid-training never burns a second version.
    /// </summary>
    public async Task<ModelVersion> ReserveAsync(string tenant, string task, long jobId, CancellationToken cancellationToken = default)
    {
        TenantLayout.ValidateTenant(tenant);
        TenantLayout.ValidateTask(task);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _database.Dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await _database.Dialect.LockAsync(transaction, $"models:{tenant}:{task}", cancellationToken).ConfigureAwait(false);
        await using (var find = transaction.CreateCommand($"SELECT {Columns} FROM models WHERE tenant = @tenant AND task = @task AND job_id = @job"))
        {
            find.AddParameter("tenant", tenant).AddParameter("task", task).AddParameter("job", jobId);
            if (await ReadOneAsync(find, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return existing;
            }
        }

        int version;
        await using (var next = transaction.CreateCommand("SELECT COALESCE(MAX(version), 0) + 1 FROM models WHERE tenant = @tenant AND task = @task"))
        {
            next.AddParameter("tenant", tenant).AddParameter("task", task);
            version = Convert.ToInt32(await next.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }

        var reserved = new ModelVersion
        {
            Tenant = tenant,
            Task = task,
            Version = version,
            Status = ModelStatus.Candidate,
            FolderKey = TenantLayout.Model(tenant, task, version),
            JobId = jobId,
            CreatedAt = _time.GetUtcNow(),
        };
        await using (var insert = transaction.CreateCommand("""
            INSERT INTO models (tenant, task, version, status, folder_key, job_id, created_at)
            VALUES (@tenant, @task, @version, @status, @folder, @job, @now)
            """))
        {
            insert.AddParameter("tenant", tenant).AddParameter("task", task).AddParameter("version", version)
                .AddParameter("status", nameof(ModelStatus.Candidate)).AddParameter("folder", reserved.FolderKey)
                .AddParameter("job", jobId).AddParameter("now", reserved.CreatedAt);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return reserved;
    }

    /// <summary>
    /// Records a trained version's facts, the decision about it (promoted to champion, the previous champion
    /// retiring, or rejected) and the retraining bookkeeping after it, in one transaction: statuses, pointer,
    /// retraining state and history change together.
    /// </summary>
    /// <param name="trained">The reserved version with its facts filled in.</param>
    /// <param name="decision">What <see cref="ChampionPolicy.Judge"/> decided.</param>
    /// <param name="trainedAt">When training finished.</param>
    /// <param name="actor">Who: the job.</param>
    /// <param name="cancellationToken">Cancels before the commit.</param>
    public async Task<ModelVersion> DecideAsync(ModelVersion trained, ChallengerDecision decision, DateTimeOffset trainedAt, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trained);
        ArgumentNullException.ThrowIfNull(decision);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _database.Dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await _database.Dialect.LockAsync(transaction, $"models:{trained.Tenant}:{trained.Task}", cancellationToken).ConfigureAwait(false);
        var status = decision.Promote ? ModelStatus.Champion : ModelStatus.Rejected;
        await using (var update = transaction.CreateCommand("""
            UPDATE models SET status = @status, family = @family, warm_started_from = @warm, validation_auc = @validation,
                test_auc = @test, champion_auc_on_same_test = @champion, data_generation = @generation, data_events = @events, decision = @decision
            WHERE tenant = @tenant AND task = @task AND version = @version
            """))
        {
            update.AddParameter("status", status.ToString()).AddParameter("family", trained.Family).AddParameter("warm", trained.WarmStartedFrom)
                .AddParameter("validation", trained.ValidationAuc).AddParameter("test", trained.TestAuc).AddParameter("champion", trained.ChampionAucOnSameTest)
                .AddParameter("generation", trained.DataGeneration).AddParameter("events", trained.DataEvents).AddParameter("decision", decision.Reason)
                .AddParameter("tenant", trained.Tenant).AddParameter("task", trained.Task).AddParameter("version", trained.Version);
            if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                throw new InvalidOperationException($"Model v{trained.Version} of {trained.Tenant}/{trained.Task} was never reserved.");
            }
        }

        await AddHistoryAsync(transaction, trained.Tenant, trained.Task, trained.Version, ModelHistoryAction.Registered, $"{trained.Family}, test AUC {trained.TestAuc:0.0000}", actor, cancellationToken).ConfigureAwait(false);
        if (decision.Promote)
        {
            await SetChampionAsync(transaction, trained.Tenant, trained.Task, trained.Version, cancellationToken).ConfigureAwait(false);
        }

        await AddHistoryAsync(transaction, trained.Tenant, trained.Task, trained.Version, decision.Promote ? ModelHistoryAction.Promoted : ModelHistoryAction.Rejected, decision.Reason, actor, cancellationToken).ConfigureAwait(false);

        var before = await ReadRetrainingAsync(transaction, trained.Tenant, trained.Task, cancellationToken).ConfigureAwait(false);
        var after = new RetrainingState(
            decision.NonImproving,
            decision.Pause ? RetrainingStatus.Paused : RetrainingStatus.Active,
            decision.Pause ? decision.PauseReason : null,
            trained.DataEvents ?? before.EventsAtLastTraining,
            trainedAt);
        ModelHistoryAction? change = (before.Paused, after.Paused) switch
        {
            (false, true) => ModelHistoryAction.RetrainingPaused,
            (true, false) => ModelHistoryAction.RetrainingResumed,
            _ => null,
        };
        await WriteRetrainingAsync(transaction, trained.Tenant, trained.Task, after, cancellationToken).ConfigureAwait(false);
        if (change is { } happened)
        {
            var detail = after.Paused ? after.PausedReason : $"v{trained.Version} was promoted";
            await AddHistoryAsync(transaction, trained.Tenant, trained.Task, null, happened, detail, actor, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        Log.Decided(_logger, trained.Tenant, trained.Task, trained.Version, decision.Promote, decision.Reason);
        return trained with { Status = status, Decision = decision.Reason };
    }

    /// <summary>Makes <paramref name="version"/> the champion by hand (recorded with the actor and reason).</summary>
    /// <exception cref="InvalidOperationException">There is no such trained version.</exception>
    public async Task PromoteAsync(string tenant, string task, int version, string actor, string reason, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _database.Dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await _database.Dialect.LockAsync(transaction, $"models:{tenant}:{task}", cancellationToken).ConfigureAwait(false);
        var target = await FindAsync(transaction, tenant, task, version, cancellationToken).ConfigureAwait(false);
        if (target is null || target.TestAuc is null)
        {
            throw new InvalidOperationException($"{tenant}/{task} has no trained model v{version}.");
        }

        await SetChampionAsync(transaction, tenant, task, version, cancellationToken).ConfigureAwait(false);
        await AddHistoryAsync(transaction, tenant, task, version, ModelHistoryAction.Promoted, "manual: " + reason, actor, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        Log.Decided(_logger, tenant, task, version, true, "manual: " + reason);
    }

    /// <summary>Puts the champion before the current one back (recorded); returns the version restored.</summary>
    /// <exception cref="InvalidOperationException">There is no earlier champion to go back to.</exception>
    public async Task<int> RollbackAsync(string tenant, string task, string actor, string reason, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _database.Dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await _database.Dialect.LockAsync(transaction, $"models:{tenant}:{task}", cancellationToken).ConfigureAwait(false);
        var current = await ChampionVersionAsync(transaction, tenant, task, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{tenant}/{task} has no champion to roll back.");

        // The champion before the current one: the latest promotion of another version.
        int? previous = null;
        await using (var history = transaction.CreateCommand("""
            SELECT version FROM model_history
            WHERE tenant = @tenant AND task = @task AND action IN (@promoted, @rolledBack) AND version <> @current
            ORDER BY id DESC
            """))
        {
            history.AddParameter("tenant", tenant).AddParameter("task", task).AddParameter("current", current)
                .AddParameter("promoted", nameof(ModelHistoryAction.Promoted)).AddParameter("rolledBack", nameof(ModelHistoryAction.RolledBack));
            await using var reader = await history.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                previous = reader.GetInt32(0);
            }
        }

        if (previous is null)
        {
            throw new InvalidOperationException($"{tenant}/{task} has no earlier champion than v{current}.");
        }

        await SetChampionAsync(transaction, tenant, task, previous.Value, cancellationToken).ConfigureAwait(false);
        await AddHistoryAsync(transaction, tenant, task, previous.Value, ModelHistoryAction.RolledBack, $"from v{current}: {reason}", actor, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        Log.RolledBack(_logger, tenant, task, current, previous.Value);
        return previous.Value;
    }

    private async Task SetChampionAsync(DbTransaction transaction, string tenant, string task, int version, CancellationToken cancellationToken)
    {
        await using (var retire = transaction.CreateCommand("UPDATE models SET status = @retired WHERE tenant = @tenant AND task = @task AND status = @champion AND version <> @version"))
        {
            retire.AddParameter("retired", nameof(ModelStatus.Retired)).AddParameter("champion", nameof(ModelStatus.Champion))
                .AddParameter("tenant", tenant).AddParameter("task", task).AddParameter("version", version);
            await retire.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var crown = transaction.CreateCommand("UPDATE models SET status = @champion WHERE tenant = @tenant AND task = @task AND version = @version"))
        {
            crown.AddParameter("champion", nameof(ModelStatus.Champion)).AddParameter("tenant", tenant).AddParameter("task", task).AddParameter("version", version);
            await crown.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var pointer = transaction.CreateCommand("""
            INSERT INTO champions (tenant, task, version, updated_at) VALUES (@tenant, @task, @version, @now)
            ON CONFLICT (tenant, task) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at
            """);
        pointer.AddParameter("tenant", tenant).AddParameter("task", task).AddParameter("version", version).AddParameter("now", _time.GetUtcNow());
        await pointer.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task AddHistoryAsync(DbTransaction transaction, string tenant, string task, int? version, ModelHistoryAction action, string? detail, string actor, CancellationToken cancellationToken)
    {
        await using var insert = transaction.CreateCommand("INSERT INTO model_history (tenant, task, version, action, detail, actor, at) VALUES (@tenant, @task, @version, @action, @detail, @actor, @now)");
        insert.AddParameter("tenant", tenant).AddParameter("task", task).AddParameter("version", version).AddParameter("action", action.ToString())
            .AddParameter("detail", detail).AddParameter("actor", actor).AddParameter("now", _time.GetUtcNow());
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
