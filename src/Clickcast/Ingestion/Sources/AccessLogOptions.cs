using Clickcast.Events;

namespace Clickcast.Ingestion.Sources;

/// <summary>How web-server access logs (Common and Combined Log Format) become click events.</summary>
public sealed class AccessLogOptions
{
    /// <summary>
    /// Keep only page views: GET requests answered with a status below 400. Other requests are dropped as
    /// <see cref="DropReason.NotAPageView"/>.
    /// </summary>
    public bool PageViewsOnly { get; set; } = true;

    /// <summary>
    /// Identify a client by IP address and user agent together rather than by IP alone: households and offices
    /// share an IP, and the user agent tells their browsers apart.
    /// </summary>
    public bool ClientIdIncludesUserAgent { get; set; }
}
