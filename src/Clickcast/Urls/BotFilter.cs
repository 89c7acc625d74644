namespace Clickcast.Urls;

/// <summary>Recognises bots by user agent. STUB: the URL work replaces this file.</summary>
public sealed class BotFilter
{
    private readonly BotFilterOptions _options;

    public BotFilter(BotFilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>True when <paramref name="userAgent"/> belongs to a crawler, monitor or script.</summary>
    public bool IsBot(string? userAgent) =>
        _options.Enabled && userAgent is not null && userAgent.Contains("bot", StringComparison.OrdinalIgnoreCase);
}
