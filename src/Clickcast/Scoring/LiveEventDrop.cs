namespace Clickcast.Scoring;

/// <summary>An event of a real-time request that was not scored, and why.</summary>
/// <param name="Index">Its position in the request's events.</param>
/// <param name="Reason">Why: an ingest drop reason (<c>InvalidUrl</c>, <c>Bot</c>, …) or <c>AlreadyStored</c> when it is not newer than the stored chain.</param>
public sealed record LiveEventDrop(int Index, string Reason);
