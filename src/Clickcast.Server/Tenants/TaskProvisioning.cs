namespace Clickcast.Server.Tenants;

/// <summary>
/// What a task has to run on its own — the self-hosted counterpart of cloud infrastructure automation: its storage
/// prefixes, the trigger that starts its runs, its cron schedules (with their next occurrence) and, when it was
/// just created, a key for the tenant's uploads.
/// </summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Task">The task.</param>
/// <param name="RawPrefix">Where clickstream files go (upload, or drop into storage): every task of the tenant learns from them.</param>
/// <param name="TaskPrefix">Everything of the task.</param>
/// <param name="ModelsPrefix">Model versions.</param>
/// <param name="PredictionsPrefix">Scoring runs and current scores.</param>
/// <param name="ExportsPrefix">File copies of the scores.</param>
/// <param name="Triggers">What starts a run.</param>
/// <param name="Schedules">Cron schedules of retraining and scoring.</param>
public sealed record TaskProvisioning(
    string Tenant,
    string Task,
    string RawPrefix,
    string TaskPrefix,
    string ModelsPrefix,
    string PredictionsPrefix,
    string ExportsPrefix,
    IReadOnlyList<string> Triggers,
    IReadOnlyList<ScheduleView> Schedules);
