using System.ComponentModel.DataAnnotations;

namespace Clickcast.Metadata;

/// <summary>Where the metadata database lives: SQLite under the data folder unless a PostgreSQL connection string is set.</summary>
public sealed class MetadataOptions
{
    /// <summary>
    /// A PostgreSQL connection string (<c>Host=...;Database=...;Username=...</c>). When set, the metadata lives in
    /// PostgreSQL; when empty, in SQLite.
    /// </summary>
    public string? PostgreSqlConnectionString { get; set; }

    /// <summary>The SQLite file; empty means <c>clickcast.db</c> in the data folder.</summary>
    public string? SqlitePath { get; set; }

    /// <summary>How long a SQLite statement waits for another connection's write lock before failing.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
