namespace Clickcast.Urls;

/// <summary>Bot filtering by user agent. STUB: the URL work replaces this file.</summary>
public sealed class BotFilterOptions
{
    /// <summary>Whether rows with a bot user agent are dropped.</summary>
    public bool Enabled { get; set; } = true;
}
