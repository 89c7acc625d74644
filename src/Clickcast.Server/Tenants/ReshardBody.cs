namespace Clickcast.Server.Tenants;

/// <summary>The body of <c>POST /api/tenants/{tenant}/reshard</c>.</summary>
/// <param name="Shards">The new shard count: a power of two from 1 to 1024, other than the current one.</param>
public sealed record ReshardBody(int Shards);
