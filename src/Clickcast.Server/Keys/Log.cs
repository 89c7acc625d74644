using Microsoft.Extensions.Logging;

namespace Clickcast.Server.Keys;

/// <summary>What key management tells an operator: key prefixes and ids, never a key.</summary>
internal static partial class Log
{
    [LoggerMessage(9104, LogLevel.Information, "Key {Prefix} ({Scope}, tenant {Tenant}) issued by {Actor}")]
    public static partial void KeyIssued(ILogger logger, string prefix, string scope, string? tenant, string actor);

    [LoggerMessage(9105, LogLevel.Information, "Key {KeyId} revoked by {Actor}")]
    public static partial void KeyRevoked(ILogger logger, long keyId, string actor);
}
