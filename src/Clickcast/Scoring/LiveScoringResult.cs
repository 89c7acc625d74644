namespace Clickcast.Scoring;

/// <summary>A real-time scoring result: the predictions when <see cref="Outcome"/> is <see cref="LiveScoringOutcome.Scored"/>, otherwise why not.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Predictions">One per requested client, in request order (empty unless scored).</param>
/// <param name="Detail">Why it was not scored, for a person.</param>
public sealed record LiveScoringResult(LiveScoringOutcome Outcome, IReadOnlyList<LivePrediction> Predictions, string? Detail = null);
