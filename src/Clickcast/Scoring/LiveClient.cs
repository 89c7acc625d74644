namespace Clickcast.Scoring;

/// <summary>
/// A client to score in real time: its id (its stored chain is read), its latest events (appended to the stored
/// chain, or scored alone when there is no id), or both.
/// </summary>
/// <param name="ClientId">The client as the CDP knows it; null to score the events alone.</param>
/// <param name="Events">Events not ingested yet, any order; at most <see cref="LiveScorer.MaxEventsPerClient"/>.</param>
public sealed record LiveClient(string? ClientId, IReadOnlyList<LiveEvent> Events);
