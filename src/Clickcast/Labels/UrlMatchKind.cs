namespace Clickcast.Labels;

/// <summary>How a target's URL pattern is compared with normalized URL tokens.</summary>
public enum UrlMatchKind
{
    /// <summary>The token equals the pattern.</summary>
    Exact = 0,

    /// <summary>The token starts with the pattern.</summary>
    Prefix,

    /// <summary>Shell-style glob over the whole token: <c>*</c> any run, <c>?</c> one character.</summary>
    Glob,

    /// <summary>.NET regular expression, searched in the token (anchor it with ^ and $ for a full match).</summary>
    Regex,
}
