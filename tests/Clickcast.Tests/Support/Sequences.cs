using Clickcast.Events;
using Clickcast.Sequences;

namespace Clickcast.Tests.Support;

/// <summary>Builds client sequences for tests.</summary>
internal static class TestSequences
{
    public static readonly long T0 = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    public static long Day(double days) => T0 + (long)(days * 86_400_000_000);

    /// <summary>A client with events given as (day offset, url, type).</summary>
    public static ClientSequence Of(string clientId, params (double Day, string Url, string Type)[] events)
    {
        var ordered = events.OrderBy(e => e.Day).ToArray();
        return new ClientSequence(
            clientId,
            ClientHash.Of(clientId),
            ordered.Select(e => e.Url).ToArray(),
            ordered.Select(e => Day(e.Day)).ToArray(),
            ordered.Select(e => e.Type).ToArray(),
            Day(ordered[0].Day),
            Day(ordered[^1].Day),
            ordered.Length);
    }

    /// <summary>A client with page views of the given URLs, one a day from day 0.</summary>
    public static ClientSequence Views(string clientId, params string[] urls) =>
        Of(clientId, urls.Select((u, i) => ((double)i, u, "page_view")).ToArray());
}
