using Microsoft.Extensions.Logging;

namespace Clickcast.Storage;

/// <summary>What local storage (the scratch space) tells an operator.</summary>
internal static partial class Log
{
    [LoggerMessage(7421, LogLevel.Information, "Removed {Removed} temporary folder(s) or file(s) of dead clickcast processes from {Parent}: {Bytes} bytes")]
    public static partial void ScratchSwept(ILogger logger, int removed, string parent, long bytes);

    [LoggerMessage(7422, LogLevel.Warning, "Could not remove the temporary {Path} of a dead clickcast process: {Reason}")]
    public static partial void ScratchNotRemoved(ILogger logger, string path, string reason);
}
