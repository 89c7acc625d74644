using Microsoft.Extensions.Logging;

namespace Clickcast.Server.Hosting;

/// <summary>
/// Keeps the generic host's own errors out of the log until the server has started: a start that fails (a busy port,
/// an unreadable key ring) is thrown to whoever started it, which says so in one line, so the host's "Hosting failed
/// to start" entry with its stack trace would only say it twice. Once started, the host's errors (a faulted background
/// service) are logged as usual.
/// </summary>
internal sealed class StartupFailureFilter
{
    /// <summary>The category the generic host logs under.</summary>
    public const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    private volatile bool _started;

    /// <summary>Adds the filter for <see cref="HostCategory"/> to <paramref name="logging"/>; call <see cref="Started"/> once up.</summary>
    public static StartupFailureFilter Add(ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        var filter = new StartupFailureFilter();
        logging.AddFilter(HostCategory, filter.IsEnabled);
        return filter;
    }

    /// <summary>
    /// Whether an entry of the host at <paramref name="level"/> is written now: from Information up (this rule replaces
    /// the default level for the category), errors only once started.
    /// </summary>
    public bool IsEnabled(LogLevel level) => level >= LogLevel.Information && level != LogLevel.None && (_started || level < LogLevel.Error);

    /// <summary>The server is up: the host's errors are logged from now on.</summary>
    public void Started() => _started = true;
}
