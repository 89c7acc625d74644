using Microsoft.Extensions.Logging;

namespace Clickcast.Registry;

/// <summary>What the registry tells an operator.</summary>
internal static partial class Log
{
    [LoggerMessage(3501, LogLevel.Information, "{Tenant}/{Task}: model v{Version} {Promoted}: {Decision}")]
    private static partial void DecidedCore(ILogger logger, string tenant, string task, int version, string promoted, string decision);

    public static void Decided(ILogger logger, string tenant, string task, int version, bool promoted, string decision) =>
        DecidedCore(logger, tenant, task, version, promoted ? "promoted to champion" : "rejected", decision);

    [LoggerMessage(3502, LogLevel.Warning, "{Tenant}/{Task}: rolled back from v{From} to v{To}")]
    public static partial void RolledBack(ILogger logger, string tenant, string task, int from, int to);
}
