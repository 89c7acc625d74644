namespace Clickcast.Metadata;

/// <summary>Databases the metadata (jobs, sensor ledger, registry) can live in.</summary>
public enum MetadataProvider
{
    /// <summary>An embedded SQLite file under the data folder (the default).</summary>
    Sqlite = 0,

    /// <summary>A PostgreSQL database, for several machines sharing one queue.</summary>
    PostgreSql,
}
