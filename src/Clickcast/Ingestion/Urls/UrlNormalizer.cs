using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Clickcast.Events;

namespace Clickcast.Ingestion.Urls;

/// <summary>
/// Turns raw page URLs into tokens per <see cref="UrlNormalizationOptions"/>: scheme, user info, default ports,
/// fragments and (by default) the query dropped; host lower-cased, punycode, <c>www.</c> removed; path
/// percent-encoding canonical, dot segments resolved, empty segments and the trailing slash dropped; technical
/// domains and static assets rejected; then cut to a registrable domain, a host or a host and leading path segments.
/// <para>
/// Parsing is hand-written rather than <see cref="Uri"/>: it does only what tokens need, allocates only the token,
/// and remembers recent answers, because page URLs repeat heavily. Thread-safe: the caches are concurrent
/// dictionaries (as fast as plain ones for lookups) and the scratch buffer is per thread.
/// </para>
/// </summary>
public sealed partial class UrlNormalizer
{
    private static readonly SearchValues<char> AuthorityEnd = SearchValues.Create("/?#\\");
    private static readonly SearchValues<char> SchemeEnd = SearchValues.Create(":/?#");

    private readonly UrlLevel _level;
    private readonly int _pathSegments;
    private readonly int _maxLength;
    private readonly bool _keepQuery;
    private readonly bool _lowercasePath;
    private readonly bool _dropIpAddressHosts;
    private readonly bool _usePrivateSuffixes;
    private readonly string? _defaultAuthority;
    private readonly int _defaultHostLength;
    private readonly bool _defaultHostIsIp;
    private readonly NameSet _schemes;
    private readonly NameSet _strippedSubdomains;
    private readonly NameSet _staticExtensions;
    private readonly ParameterNameSet _trackingParameters;
    private readonly DomainSet _technicalDomains;
    private readonly int _cacheCapacity;
    private readonly ConcurrentDictionary<string, (string? Token, DropReason Reason)>? _cache;
    private readonly ConcurrentDictionary<string, (string? Token, DropReason Reason)>.AlternateLookup<ReadOnlySpan<char>> _cacheLookup;
    private readonly ConcurrentDictionary<string, string>? _tokens;
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _tokenLookup;
    private int _cacheCount;

    [ThreadStatic]
    private static char[]? _scratch;

    /// <summary>
    /// Reads <paramref name="options"/> once: later changes to it do not affect this instance.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is out of range, or <see cref="UrlNormalizationOptions.DefaultHost"/> is not a host.</exception>
    public UrlNormalizer(UrlNormalizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.PathSegments, nameof(options.PathSegments));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.PathSegments, 32, nameof(options.PathSegments));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxLength, 16, nameof(options.MaxLength));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxLength, 1_048_576, nameof(options.MaxLength));
        ArgumentOutOfRangeException.ThrowIfNegative(options.CacheCapacity, nameof(options.CacheCapacity));
        if (!Enum.IsDefined(options.Level))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Level, "Unknown URL level.");
        }

        _level = options.Level;
        _pathSegments = options.PathSegments;
        _maxLength = options.MaxLength;
        _keepQuery = options.KeepQuery;
        OutcomeKey = new UrlOutcomeKey(!_keepQuery, _maxLength);
        _lowercasePath = options.LowercasePath;
        _dropIpAddressHosts = options.DropIpAddressHosts;
        _usePrivateSuffixes = options.UsePrivatePublicSuffixes;
        _schemes = new NameSet((IEnumerable<string>?)options.AllowedSchemes ?? UrlNormalizationOptions.DefaultAllowedSchemes);
        _strippedSubdomains = new NameSet((IEnumerable<string>?)options.StrippedSubdomains ?? UrlNormalizationOptions.DefaultStrippedSubdomains);
        _staticExtensions = new NameSet(
            (IEnumerable<string>?)options.StaticAssetExtensions ?? UrlNormalizationOptions.DefaultStaticAssetExtensions,
            static extension => extension.TrimStart('.'));
        _trackingParameters = new ParameterNameSet((IEnumerable<string>?)options.TrackingParameters ?? UrlNormalizationOptions.DefaultTrackingParameters);
        _technicalDomains = new DomainSet((IEnumerable<string>?)options.TechnicalDomains ?? UrlNormalizationOptions.DefaultTechnicalDomains);

        if (!string.IsNullOrWhiteSpace(options.DefaultHost))
        {
            _defaultAuthority = ParseDefaultHost(options.DefaultHost, out _defaultHostLength, out _defaultHostIsIp)
                ?? throw new ArgumentException($"DefaultHost '{options.DefaultHost}' is not a host name.", nameof(options));
        }

        _cacheCapacity = options.CacheCapacity;
        if (_cacheCapacity > 0)
        {
            _cache = new ConcurrentDictionary<string, (string?, DropReason)>(StringComparer.Ordinal);
            _cacheLookup = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
            _tokens = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            _tokenLookup = _tokens.GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }

    /// <summary>
    /// Normalizes <paramref name="rawUrl"/> into a token; on failure says why in <paramref name="reason"/>
    /// (<see cref="DropReason.InvalidUrl"/>, <see cref="DropReason.UrlTooLong"/>, <see cref="DropReason.MissingUrl"/>,
    /// <see cref="DropReason.TechnicalDomain"/>, <see cref="DropReason.StaticAsset"/>). Never throws for bad input.
    /// </summary>
    public bool TryNormalize(string rawUrl, [NotNullWhen(true)] out string? token, out DropReason reason)
    {
        ArgumentNullException.ThrowIfNull(rawUrl);

        // Before any parsing or hashing: a megabyte of URL costs no more than a short one.
        if (rawUrl.Length > _maxLength)
        {
            token = null;
            reason = DropReason.UrlTooLong;
            return false;
        }

        if (_cache is null)
        {
            reason = Normalize(rawUrl, out token);
            return token is not null;
        }

        var key = CacheKey(rawUrl);
        if (_cacheLookup.TryGetValue(key, out var known))
        {
            (token, reason) = known;
            return token is not null;
        }

        reason = Normalize(rawUrl, out token);
        var keyText = key.Length == rawUrl.Length ? rawUrl : new string(key);
        if (_cache.TryAdd(keyText, (token, reason)) && Interlocked.Increment(ref _cacheCount) > _cacheCapacity)
        {
            // Clearing is the simplest bounded policy; heavy hitters are back after a few events. The count is
            // kept aside because ConcurrentDictionary.Count takes every lock; racing threads may overshoot it a little.
            _cache.Clear();
            _tokens!.Clear();
            Interlocked.Exchange(ref _cacheCount, 0);
        }

        return token is not null;
    }

    private DropReason Normalize(ReadOnlySpan<char> raw, out string? token)
    {
        token = null;

        // Leading and trailing spaces and control characters are framing (CSV padding, line ends), as in browsers.
        raw = raw.Trim(" \t\r\n\f\v\0".AsSpan());
        if (raw.IsEmpty)
        {
            return DropReason.MissingUrl;
        }

        var buffer = Scratch(raw.Length);
        int hostLength;
        int authorityLength;
        bool isIp;
        ReadOnlySpan<char> rest;
        if (raw[0] is '/' or '\\')
        {
            // A path without a host, as access logs have them. "//x" is a path here too: scanners request such
            // paths, and scheme-relative page URLs do not occur in clickstream.
            if (_defaultAuthority is null)
            {
                return DropReason.InvalidUrl;
            }

            _defaultAuthority.CopyTo(buffer);
            hostLength = _defaultHostLength;
            authorityLength = _defaultAuthority.Length;
            isIp = _defaultHostIsIp;
            rest = raw;
        }
        else
        {
            var colon = raw.IndexOfAny(SchemeEnd);
            if (colon <= 0 || raw[colon] != ':' || !IsSchemeName(raw[..colon]) || !_schemes.Contains(raw[..colon]))
            {
                return DropReason.InvalidUrl;
            }

            var afterScheme = raw[(colon + 1)..];
            if (!afterScheme.StartsWith("//", StringComparison.Ordinal))
            {
                return DropReason.InvalidUrl;
            }

            afterScheme = afterScheme[2..];
            var authorityEnd = afterScheme.IndexOfAny(AuthorityEnd);
            var authority = authorityEnd < 0 ? afterScheme : afterScheme[..authorityEnd];
            rest = authorityEnd < 0 ? default : afterScheme[authorityEnd..];
            authorityLength = WriteAuthority(authority, buffer, out hostLength, out isIp);
            if (authorityLength < 0)
            {
                return DropReason.InvalidUrl;
            }
        }

        var host = buffer[..hostLength];
        if (isIp ? _dropIpAddressHosts : _technicalDomains.Matches(host))
        {
            return DropReason.TechnicalDomain;
        }

        var pathEnd = rest.IndexOfAny('?', '#');
        var path = pathEnd < 0 ? rest : rest[..pathEnd];
        var query = pathEnd >= 0 && rest[pathEnd] == '?' ? rest[(pathEnd + 1)..] : default;
        var fragment = query.IndexOf('#');
        query = fragment < 0 ? query : query[..fragment];

        var pathLength = WritePath(path, buffer[authorityLength..]);
        if (pathLength < 0)
        {
            return DropReason.InvalidUrl;
        }

        var normalizedPath = buffer.Slice(authorityLength, pathLength);
        if (IsStaticAsset(normalizedPath))
        {
            return DropReason.StaticAsset;
        }

        var hostStart = isIp ? 0 : StrippedPrefixLength(host);
        int tokenStart;
        int tokenEnd;
        switch (_level)
        {
            case UrlLevel.RegistrableDomain:
                // A host that is itself a public suffix (co.uk, github.io) has no registrable domain: keep the host.
                tokenStart = !isIp && PublicSuffixList.Default.TryGetRegistrableDomainStart(host, _usePrivateSuffixes, out var start)
                    ? start
                    : hostStart;
                tokenEnd = hostLength;
                break;
            case UrlLevel.Host:
                tokenStart = hostStart;
                tokenEnd = authorityLength;
                break;
            default:
                tokenStart = hostStart;
                tokenEnd = authorityLength + CutPath(normalizedPath, _pathSegments);
                if (_keepQuery && !query.IsEmpty)
                {
                    var queryLength = WriteQuery(query, buffer[tokenEnd..]);
                    if (queryLength < 0)
                    {
                        return DropReason.InvalidUrl;
                    }

                    tokenEnd += queryLength;
                }

                break;
        }

        token = Intern(buffer[tokenStart..tokenEnd]);
        return DropReason.None;
    }

    private bool IsStaticAsset(ReadOnlySpan<char> path)
    {
        var lastSegment = path[(path.LastIndexOf('/') + 1)..];
        // A leading dot starts a hidden name (".htaccess"), not an extension.
        var dot = lastSegment.LastIndexOf('.');
        return dot > 0 && _staticExtensions.Contains(lastSegment[(dot + 1)..]);
    }

    private static Span<char> Scratch(int rawLength)
    {
        // Percent-encoding a character can take 9 times its length (%XX per UTF-8 byte); the host needs its room too.
        var needed = (rawLength * 9) + HostName.MaxLength + 16;
        if (_scratch is null || _scratch.Length < needed)
        {
            _scratch = new char[Math.Max(needed, Math.Max(1024, (_scratch?.Length ?? 0) * 2))];
        }

        return _scratch;
    }
}
