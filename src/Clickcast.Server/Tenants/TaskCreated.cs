using Clickcast.Tenants.Keys;

namespace Clickcast.Server.Tenants;

/// <summary>What creating a task made.</summary>
/// <param name="Task">The task.</param>
/// <param name="Credentials">A tenant key for the task's uploads (shown once); null when not asked for.</param>
public sealed record TaskCreated(TaskView Task, IssuedApiKey? Credentials);
