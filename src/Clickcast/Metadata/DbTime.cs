namespace Clickcast.Metadata;

/// <summary>
/// Times are stored as UTC Unix milliseconds in BIGINT columns: the same type, ordering and arithmetic in SQLite and
/// PostgreSQL, with no time-zone conversions on the way in or out.
/// </summary>
internal static class DbTime
{
    public static long From(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static long From(TimeSpan duration) => (long)duration.TotalMilliseconds;

    public static DateTimeOffset To(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
