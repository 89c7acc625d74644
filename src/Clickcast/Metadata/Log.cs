using Microsoft.Extensions.Logging;

namespace Clickcast.Metadata;

/// <summary>What the metadata database tells an operator.</summary>
internal static partial class Log
{
    [LoggerMessage(8001, LogLevel.Information, "Metadata database ({Provider}): applied migration {Version} {Name}")]
    public static partial void MigrationApplied(ILogger logger, MetadataProvider provider, int version, string name);

    [LoggerMessage(8002, LogLevel.Warning, "Metadata database ({Provider}) is at schema version {DatabaseVersion}, newer than this build's {KnownVersion}: a newer Clickcast migrated it")]
    public static partial void SchemaNewerThanBuild(ILogger logger, MetadataProvider provider, int databaseVersion, int knownVersion);
}
