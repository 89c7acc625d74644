namespace Clickcast.Scoring;

/// <summary>One event of a client's stored chain, as a client lookup shows it.</summary>
/// <param name="Token">The URL token at the task's token level (what the model reads).</param>
/// <param name="EventType">The event type.</param>
/// <param name="At">When it happened (UTC).</param>
/// <param name="Observed">True when the model that scored the client read this event (its observed window and length cap).</param>
public readonly record struct ChainEvent(string Token, string EventType, DateTimeOffset At, bool Observed);
