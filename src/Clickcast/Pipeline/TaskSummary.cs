using Clickcast.Pipeline.Jobs;
using Clickcast.Registry;
using Clickcast.Training.Evaluation;

namespace Clickcast.Pipeline;

/// <summary>One task at a glance: freshness, champion, retraining, last scoring and last job.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Task">The task id.</param>
/// <param name="Attribute">The CDP attribute its scores fill.</param>
/// <param name="Description">What it predicts, in words.</param>
/// <param name="Freshness">Active, calculating, failed or paused.</param>
/// <param name="FreshnessReason">Why, in words.</param>
/// <param name="Champion">The model that scores, if any.</param>
/// <param name="Retraining">Retraining bookkeeping.</param>
/// <param name="Models">Versions registered.</param>
/// <param name="LastScoredAt">When the latest scoring run finished.</param>
/// <param name="ScoredClients">Clients with a current score.</param>
/// <param name="LastJob">The task's newest job (or its tenant's data job).</param>
public sealed record TaskSummary(
    string Tenant,
    string Task,
    string Attribute,
    string? Description,
    TaskFreshness Freshness,
    string FreshnessReason,
    ChampionSummary? Champion,
    RetrainingState Retraining,
    int Models,
    DateTimeOffset? LastScoredAt,
    long? ScoredClients,
    JobBrief? LastJob);

/// <summary>The champion in a summary.</summary>
/// <param name="Version">Its version.</param>
/// <param name="Family">Its family.</param>
/// <param name="TestAuc">Test AUC.</param>
/// <param name="Quality">The AUC in words, with its tier.</param>
/// <param name="CreatedAt">When it was registered.</param>
public sealed record ChampionSummary(int Version, string? Family, double? TestAuc, QualityVerdict? Quality, DateTimeOffset CreatedAt);

/// <summary>A job in a summary.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Status">Its status.</param>
/// <param name="CreatedAt">When it was enqueued.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="LastError">Its last error.</param>
public sealed record JobBrief(long Id, JobKind Kind, JobStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, string? LastError)
{
    /// <summary>What the job achieved once finished.</summary>
    public RunOutcome? Outcome { get; init; }

    /// <summary>Why it ended with <see cref="Outcome"/>.</summary>
    public string? OutcomeReason { get; init; }

    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; init; }

    /// <summary>Attempts allowed before it is dead-lettered.</summary>
    public int MaxAttempts { get; init; }

    /// <summary>When a queued job is due (its next attempt, after a failure).</summary>
    public DateTimeOffset? NextRunAt { get; init; }
}
