namespace Clickcast.Ingestion.Urls;

/// <summary>What rules of the public suffix list a name carries, per section of the list.</summary>
[Flags]
internal enum PublicSuffixRuleKinds : byte
{
    None = 0,

    /// <summary>A plain rule (<c>co.uk</c>): the name is a public suffix.</summary>
    Normal = 1,

    /// <summary>A wildcard rule on the name (<c>*.ck</c> stored as <c>ck</c>): every child of the name is a public suffix.</summary>
    Wildcard = 2,

    /// <summary>An exception rule (<c>!www.ck</c> stored as <c>www.ck</c>): the name is not a public suffix, its parent is.</summary>
    Exception = 4,

    /// <summary>The ICANN section's rules.</summary>
    Icann = Normal | Wildcard | Exception,

    /// <summary>A plain rule from the private section (<c>github.io</c>).</summary>
    PrivateNormal = 8,

    /// <summary>A wildcard rule from the private section.</summary>
    PrivateWildcard = 16,

    /// <summary>An exception rule from the private section.</summary>
    PrivateException = 32,
}
