namespace Clickcast.Pipeline;

/// <summary>Inputs of a backfill job: a period of arrival and a policy.</summary>
/// <param name="From">Raw files that arrived (last modified) at or after this time...</param>
/// <param name="To">...and before this time.</param>
/// <param name="Policy">What to do with each file.</param>
/// <param name="Task">Only this task retrains afterwards; null for every task.</param>
public sealed record BackfillPayload(DateTimeOffset From, DateTimeOffset To, BackfillPolicy Policy, string? Task = null);
