using Microsoft.Extensions.Logging;

namespace Clickcast.Server.Security;

/// <summary>What security tells an operator: key prefixes only, never a key.</summary>
internal static partial class Log
{
    [LoggerMessage(9101, LogLevel.Warning, "Rejected API key {Prefix} on {Path}")]
    public static partial void KeyRejected(ILogger logger, string prefix, string path);

    [LoggerMessage(9102, LogLevel.Information, "Admin key {Prefix} from configuration is active")]
    public static partial void ConfiguredAdminKey(ILogger logger, string prefix);

    [LoggerMessage(9103, LogLevel.Warning, "No admin key existed: generated admin key {Prefix}; the host prints it once")]
    public static partial void GeneratedAdminKey(ILogger logger, string prefix);
}
