using System.Globalization;
using System.Text;

namespace Clickcast.Ingestion.Urls;

/// <summary>
/// The public suffix list (publicsuffix.org) and its algorithm: normal, wildcard (<c>*.ck</c>) and exception
/// (<c>!www.ck</c>) rules, ICANN and private sections, and the implicit <c>*</c> rule for unknown top-level domains.
/// Rules are kept in ASCII (punycode) form, matching the hosts the normalizer produces. Immutable: one instance is
/// shared by all threads.
/// </summary>
internal sealed class PublicSuffixList
{
    /// <summary>Name of the embedded copy of Debian's <c>public_suffix_list.dat</c> (MPL-2.0).</summary>
    internal const string ResourceName = "Clickcast.Ingestion.Urls.public_suffix_list.dat";

    private const string PrivateSectionStart = "===BEGIN PRIVATE DOMAINS===";
    private const string PrivateSectionEnd = "===END PRIVATE DOMAINS===";

    private static readonly Lazy<PublicSuffixList> LazyDefault = new(LoadEmbedded);

    private readonly Dictionary<string, PublicSuffixRuleKinds>.AlternateLookup<ReadOnlySpan<char>> _rules;

    private PublicSuffixList(Dictionary<string, PublicSuffixRuleKinds> rules)
    {
        _rules = rules.GetAlternateLookup<ReadOnlySpan<char>>();
        Count = rules.Count;
    }

    /// <summary>The embedded list, parsed on first use.</summary>
    public static PublicSuffixList Default => LazyDefault.Value;

    /// <summary>Distinct rule names (a name can carry several kinds of rule).</summary>
    public int Count { get; }

    /// <summary>Reads a list in the publicsuffix.org format.</summary>
    public static PublicSuffixList Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var idn = new IdnMapping();
        var rules = new Dictionary<string, PublicSuffixRuleKinds>(16_384, StringComparer.Ordinal);
        var inPrivate = false;
        while (reader.ReadLine() is { } line)
        {
            var text = line.AsSpan().Trim();
            if (text.StartsWith("//", StringComparison.Ordinal))
            {
                if (text.Contains(PrivateSectionStart, StringComparison.Ordinal))
                {
                    inPrivate = true;
                }
                else if (text.Contains(PrivateSectionEnd, StringComparison.Ordinal))
                {
                    inPrivate = false;
                }

                continue;
            }

            // A rule is the line's first word; anything after white space is ignored by the format.
            var end = text.IndexOfAny(' ', '\t');
            var rule = end < 0 ? text : text[..end];
            if (rule.IsEmpty)
            {
                continue;
            }

            PublicSuffixRuleKinds kind;
            if (rule[0] == '!')
            {
                kind = inPrivate ? PublicSuffixRuleKinds.PrivateException : PublicSuffixRuleKinds.Exception;
                rule = rule[1..];
            }
            else if (rule.StartsWith("*.", StringComparison.Ordinal))
            {
                kind = inPrivate ? PublicSuffixRuleKinds.PrivateWildcard : PublicSuffixRuleKinds.Wildcard;
                rule = rule[2..];
            }
            else
            {
                kind = inPrivate ? PublicSuffixRuleKinds.PrivateNormal : PublicSuffixRuleKinds.Normal;
            }

            var name = ToAscii(rule, idn);
            if (name is null)
            {
                continue;
            }

            rules[name] = rules.GetValueOrDefault(name) | kind;
        }

        return new PublicSuffixList(rules);
    }

    /// <summary>
    /// Finds where the public suffix of <paramref name="host"/> starts. The host is lower-case ASCII without a
    /// trailing dot; a host that no rule covers has its last label as public suffix (the implicit <c>*</c> rule).
    /// </summary>
    public int GetPublicSuffixStart(ReadOnlySpan<char> host, bool includePrivate)
    {
        var mask = includePrivate ? (PublicSuffixRuleKinds)0xFF : PublicSuffixRuleKinds.Icann;
        var start = 0;
        while (true)
        {
            // Candidates run from the longest suffix (the whole host) to the last label, so the first rule that
            // matches is the longest; an exception rule is always longer than the wildcard it excepts from.
            var suffix = host[start..];
            var kinds = Lookup(suffix, mask);
            var dot = suffix.IndexOf('.');
            if ((kinds & (PublicSuffixRuleKinds.Exception | PublicSuffixRuleKinds.PrivateException)) != 0)
            {
                return dot < 0 ? start : start + dot + 1;
            }

            if ((kinds & (PublicSuffixRuleKinds.Normal | PublicSuffixRuleKinds.PrivateNormal)) != 0 || dot < 0)
            {
                return start;
            }

            var parent = Lookup(suffix[(dot + 1)..], mask);
            if ((parent & (PublicSuffixRuleKinds.Wildcard | PublicSuffixRuleKinds.PrivateWildcard)) != 0)
            {
                return start;
            }

            start += dot + 1;
        }
    }

    /// <summary>
    /// Finds where the registrable domain (the public suffix and one more label) of <paramref name="host"/> starts;
    /// false when the host is itself a public suffix (<c>co.uk</c>, <c>github.io</c>).
    /// </summary>
    public bool TryGetRegistrableDomainStart(ReadOnlySpan<char> host, bool includePrivate, out int start)
    {
        var suffixStart = GetPublicSuffixStart(host, includePrivate);
        if (suffixStart <= 1)
        {
            start = 0;
            return false;
        }

        start = host[..(suffixStart - 1)].LastIndexOf('.') + 1;
        return true;
    }

    private PublicSuffixRuleKinds Lookup(ReadOnlySpan<char> name, PublicSuffixRuleKinds mask) =>
        _rules.TryGetValue(name, out var kinds) ? kinds & mask : PublicSuffixRuleKinds.None;

    private static string? ToAscii(ReadOnlySpan<char> rule, IdnMapping idn)
    {
        var text = rule.ToString().ToLowerInvariant();
        if (!Ascii.IsValid(text))
        {
            try
            {
                text = idn.GetAscii(text);
            }
            catch (ArgumentException)
            {
                // A rule that cannot be a host name can never match one.
                return null;
            }
        }

        return text;
    }

    private static PublicSuffixList LoadEmbedded()
    {
        using var stream = typeof(PublicSuffixList).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }
}
