namespace Clickcast.Server.Telemetry;

/// <summary>What an operator on call wants of one task at a glance; null where there is nothing yet.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Task">The task.</param>
/// <param name="ChampionAuc">The champion's test AUC.</param>
/// <param name="ScoredClients">Clients with a current score.</param>
/// <param name="DataAge">How old the newest data behind the current scores is (now minus the last scoring's as-of time).</param>
/// <param name="LastScoredAt">When the task was last scored.</param>
/// <param name="LastExportedAt">When an export of the task was last delivered in full.</param>
/// <param name="ScorePsi">Drift of the current scores from the champion's first scoring (the last run's <see cref="Clickcast.Scoring.ScoringRun.Psi"/>).</param>
public sealed record TaskGauges(
    string Tenant,
    string Task,
    double? ChampionAuc,
    double? ScoredClients,
    TimeSpan? DataAge,
    DateTimeOffset? LastScoredAt,
    DateTimeOffset? LastExportedAt,
    double? ScorePsi);
