namespace Clickcast.Server.Tenants;

/// <summary>Why a person changed something; recorded in the history.</summary>
/// <param name="Reason">Free text.</param>
public sealed record ReasonRequest(string? Reason);
