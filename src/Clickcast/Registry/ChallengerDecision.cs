namespace Clickcast.Registry;

/// <summary>What happens to a trained challenger and to retraining after it.</summary>
/// <param name="Promote">It becomes champion.</param>
/// <param name="Reason">Why, in words (recorded in the history).</param>
/// <param name="NonImproving">Non-improving retrains in a row after this one.</param>
/// <param name="Pause">Retraining pauses now.</param>
/// <param name="PauseReason">Why it pauses.</param>
public sealed record ChallengerDecision(bool Promote, string Reason, int NonImproving, bool Pause, string? PauseReason);
