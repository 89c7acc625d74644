using System.Data.Common;
using Clickcast.Metadata;

namespace Clickcast.Pipeline.Jobs;

public sealed partial class JobQueue
{
    /// <summary>The columns <see cref="ReadJob"/> reads, in its order.</summary>
    private const string Columns =
        "id, tenant, task, kind, status, payload, result, last_error, idempotency_key, parent_id, attempts, max_attempts, " +
        "retry_backoff, retry_interval_ms, retry_factor, retry_max_interval_ms, created_at, next_run_at, started_at, " +
        "finished_at, lease_owner, lease_expires_at, outcome, outcome_reason";

    private static Job ReadJob(DbDataReader reader) => new(
        Id: reader.GetInt64(0),
        Tenant: reader.GetString(1),
        Task: reader.GetNullableString(2),
        Kind: Enum.Parse<JobKind>(reader.GetString(3)),
        Status: Enum.Parse<JobStatus>(reader.GetString(4)),
        Payload: reader.GetString(5),
        Result: reader.GetNullableString(6),
        LastError: reader.GetNullableString(7),
        IdempotencyKey: reader.GetNullableString(8),
        ParentId: reader.GetNullableInt64(9),
        Attempts: reader.GetInt32(10),
        Retry: new RetryPolicy(
            reader.GetInt32(11),
            Enum.Parse<RetryBackoff>(reader.GetString(12)),
            TimeSpan.FromMilliseconds(reader.GetInt64(13)),
            reader.GetDouble(14),
            TimeSpan.FromMilliseconds(reader.GetInt64(15))),
        CreatedAt: reader.GetTime(16),
        NextRunAt: reader.GetTime(17),
        StartedAt: reader.GetNullableTime(18),
        FinishedAt: reader.GetNullableTime(19),
        LeaseOwner: reader.GetNullableString(20),
        LeaseExpiresAt: reader.GetNullableTime(21),
        Outcome: reader.GetNullableString(22) is { } outcome ? Enum.Parse<RunOutcome>(outcome) : null,
        OutcomeReason: reader.GetNullableString(23));
}
