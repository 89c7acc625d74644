using Microsoft.Extensions.Logging;

namespace Clickcast.Server.Hosting;

/// <summary>What the server's start-up tells an operator.</summary>
internal static partial class Log
{
    [LoggerMessage(9001, LogLevel.Information, "Clickcast server listening on {Addresses}; workers: {Workers}; data: {DataPath}")]
    public static partial void Started(ILogger logger, string addresses, bool workers, string dataPath);

    [LoggerMessage(9002, LogLevel.Error, "Unhandled error on {Method} {Path}")]
    public static partial void Unhandled(ILogger logger, string method, string path, Exception exception);
}
