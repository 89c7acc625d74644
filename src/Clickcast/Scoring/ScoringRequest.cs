using Clickcast.Ingestion.Urls;
using Clickcast.Labels;

namespace Clickcast.Scoring;

/// <summary>
/// What scoring needs to know of a task: whose clients, the target and windows (to compare scores with what
/// happened), the URL cut the model was trained on, and the buckets.
/// </summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Task">The task id.</param>
/// <param name="Target">The target action (monitoring checks it against later events).</param>
/// <param name="Labeling">The windows (monitoring waits a horizon before judging a score).</param>
/// <param name="Buckets">The percentile buckets.</param>
/// <param name="Cutter">The task's own URL cut, or null when the model sees the tenant's tokens as they are.</param>
public sealed record ScoringRequest(string Tenant, string Task, TargetDefinition Target, LabelingOptions Labeling, ScoringOptions Buckets, UrlTokenCutter? Cutter);
