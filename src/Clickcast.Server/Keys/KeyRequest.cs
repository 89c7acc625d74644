namespace Clickcast.Server.Keys;

/// <summary>A key to issue.</summary>
/// <param name="Name">What it is for (shown in lists).</param>
public sealed record KeyRequest(string? Name);
