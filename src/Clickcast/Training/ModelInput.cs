namespace Clickcast.Training;

/// <summary>What a model scores: one client's observed chain and the moment it is judged at.</summary>
/// <param name="Urls">URL tokens, oldest first.</param>
/// <param name="TimesMicros">Event times, microseconds since the epoch (UTC), aligned with <paramref name="Urls"/>.</param>
/// <param name="AsOfMicros">The observation cutoff (training) or now (scoring): recency is measured to it.</param>
/// <param name="EventTypes">Event types, aligned with <paramref name="Urls"/> (as mapped at ingest, e.g. view, cart, buy).</param>
public sealed record ModelInput(IReadOnlyList<string> Urls, IReadOnlyList<long> TimesMicros, long AsOfMicros, IReadOnlyList<string> EventTypes);
