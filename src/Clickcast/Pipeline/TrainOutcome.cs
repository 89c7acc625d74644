namespace Clickcast.Pipeline;

/// <summary>What a training job did.</summary>
/// <param name="Trained">A challenger was trained and judged.</param>
/// <param name="Version">Its version.</param>
/// <param name="Promoted">It became champion.</param>
/// <param name="Decision">Why it was (not) trained, promoted or rejected, in words.</param>
/// <param name="ChallengerAuc">Its test AUC.</param>
/// <param name="ChampionAuc">The champion's AUC on the same test clients (null for the first model).</param>
/// <param name="Family">Its family.</param>
public sealed record TrainOutcome(bool Trained, int? Version, bool Promoted, string Decision, double? ChallengerAuc, double? ChampionAuc, string? Family)
{
    /// <summary>No training happened, and why.</summary>
    public static TrainOutcome Skipped(string reason) => new(false, null, false, reason, null, null, null);
}
