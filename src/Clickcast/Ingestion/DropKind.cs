namespace Clickcast.Ingestion;

/// <summary>Why a dropped row counts: filtered on purpose, or a row the source could not describe.</summary>
public enum DropKind
{
    /// <summary>Filtered on purpose: bots, static assets, technical domains, requests that are not page views.</summary>
    Noise = 0,

    /// <summary>Unreadable: a missing or invalid field; too many of them quarantine the file.</summary>
    BadRow,
}
