using Clickcast.Pipeline.Jobs;

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
    /// <summary>
    /// What the run achieved: <see cref="RunOutcome.Succeeded"/> when a challenger was trained and judged,
    /// <see cref="RunOutcome.NeedsData"/> when the data cannot train the task, <see cref="RunOutcome.NothingToDo"/> when retraining was not due.
    /// </summary>
    public RunOutcome Outcome { get; init; } = Trained ? RunOutcome.Succeeded : RunOutcome.NothingToDo;

    /// <summary>No training happened because retraining was not due, and why.</summary>
    public static TrainOutcome Skipped(string reason) => new(false, null, false, reason, null, null, null);

    /// <summary>No training happened because the data cannot train the task (yet), and why.</summary>
    public static TrainOutcome NeedsData(string reason) => new(false, null, false, reason, null, null, null) { Outcome = RunOutcome.NeedsData };
}
