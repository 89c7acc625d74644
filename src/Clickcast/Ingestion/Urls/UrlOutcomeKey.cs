namespace Clickcast.Ingestion.Urls;

/// <summary>
/// Which part of a raw URL decides what a tenant's rules make of it: the one rule behind <see cref="UrlNormalizer"/>'s
/// cache and the readers' answers for URLs they have not seen whole (<see cref="EventNormalizer"/> hands it to them).
/// When the query is dropped, a URL within the length limit is decided by its text up to and including its first
/// <c>?</c> or <c>#</c>: the scheme, authority and path all end there, and trimming only removes spaces at the very
/// end; so the click ids that make most URLs unique (<c>?gclid=…</c>) are answered once per page rather than once per
/// click. A longer URL, a kept query or an opaque token is decided by the whole value.
/// </summary>
/// <param name="PrefixDecides">Whether a prefix can decide at all (the query is dropped and the value is a URL).</param>
/// <param name="MaxLength">Longest value a prefix decides: above it the length itself may decide (dropped as too long).</param>
internal readonly record struct UrlOutcomeKey(bool PrefixDecides, int MaxLength)
{
    /// <summary>Every value decided by the whole of it.</summary>
    public static UrlOutcomeKey WholeValue { get; } = new(false, 0);

    /// <summary>The length of the part of <paramref name="url"/> that decides its outcome (all of it when no prefix does).</summary>
    public int Length(ReadOnlySpan<char> url) => Length(url.Length, url.IndexOfAny('?', '#'));

    /// <summary>
    /// As <see cref="Length(ReadOnlySpan{char})"/>, in bytes of the URL's UTF-8 form: <c>?</c> and <c>#</c> are single
    /// bytes that no other character's encoding contains, and a value of at most <see cref="MaxLength"/> bytes has at
    /// most as many characters, so the answer is the same prefix.
    /// </summary>
    public int Length(ReadOnlySpan<byte> utf8) => Length(utf8.Length, utf8.IndexOfAny((byte)'?', (byte)'#'));

    private int Length(int length, int end) => PrefixDecides && end >= 0 && length <= MaxLength ? end + 1 : length;
}
