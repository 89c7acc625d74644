using Clickcast.Pipeline;
using Clickcast.Tenants;

namespace Clickcast.Server.Tenants;

/// <summary>One task: its definition (secrets masked), how it is doing, and what it runs on.</summary>
/// <param name="Definition">The definition; secrets read <c>********</c>.</param>
/// <param name="Summary">Freshness, champion, retraining, last scoring.</param>
/// <param name="Provisioning">Prefixes, triggers, schedules.</param>
public sealed record TaskView(TaskDefinition Definition, TaskSummary Summary, TaskProvisioning Provisioning);
