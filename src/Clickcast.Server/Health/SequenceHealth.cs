namespace Clickcast.Server.Health;

/// <summary>What the sequences manifest says about a tenant's clients.</summary>
/// <param name="Generation">The manifest's generation.</param>
/// <param name="UpdatedAt">When it was written.</param>
/// <param name="Clients">Clients in the base segments (each once).</param>
/// <param name="DeltaClients">Client rows in delta segments: clients with new events since the last compaction (a client in two deltas counts twice).</param>
/// <param name="Events">Kept events in all segments.</param>
/// <param name="LatestEventAt">The latest event time in the sequences, or null when empty.</param>
public sealed record SequenceHealth(long Generation, DateTimeOffset UpdatedAt, long Clients, long DeltaClients, long Events, DateTimeOffset? LatestEventAt);
