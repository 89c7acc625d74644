namespace Clickcast.Ingestion;

/// <summary>One closed events file of an ingest: its period (partition key), part number within the period and temporary path.</summary>
internal readonly record struct EventPart(string Period, int Number, string Path);
