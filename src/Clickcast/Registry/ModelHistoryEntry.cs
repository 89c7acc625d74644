namespace Clickcast.Registry;

/// <summary>One thing that happened to a task's models.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Task">The task.</param>
/// <param name="Version">The model version concerned, if any.</param>
/// <param name="Action">What happened.</param>
/// <param name="Detail">Why, in words.</param>
/// <param name="Actor">Who: a job (<c>job:42</c>) or a person (<c>cli:alice</c>).</param>
/// <param name="At">When.</param>
public sealed record ModelHistoryEntry(string Tenant, string Task, int? Version, ModelHistoryAction Action, string? Detail, string Actor, DateTimeOffset At);
