namespace Clickcast.Ingestion;

/// <summary>One closed events file of an ingest: its period (partition key), client-hash shard, part number within the (period, shard) and temporary path.</summary>
internal readonly record struct EventPart(string Period, int Shard, int Number, string Path);
