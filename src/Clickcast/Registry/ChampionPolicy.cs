using Clickcast.Registry;

namespace Clickcast.Registry;

/// <summary>
/// The champion/challenger rules as pure functions: whether a task trains now (<see cref="Gate"/>) and what happens
/// to the challenger it trained (<see cref="Judge"/>). The registry records what they decide; nothing here reads a
/// clock, a database or a model.
/// </summary>
public static class ChampionPolicy
{
    /// <summary>AUCs closer than this are equal: a challenger exactly <see cref="RetrainingPolicy.MinAucGain"/> ahead is promoted despite float rounding.</summary>
    private const double Tolerance = 1e-9;

    /// <summary>Whether a task trains now, and whether a pause ends first.</summary>
    /// <param name="policy">The task's retraining policy.</param>
    /// <param name="state">Its bookkeeping.</param>
    /// <param name="hasChampion">A champion exists (the first model always trains).</param>
    /// <param name="trigger">Why the training job runs.</param>
    /// <param name="eventsNow">Events in the data now.</param>
    public static TrainingGate Gate(RetrainingPolicy policy, RetrainingState state, bool hasChampion, TrainTrigger trigger, long eventsNow)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(state);
        if (!hasChampion)
        {
            return TrainingGate.Go("no champion yet");
        }

        if (trigger == TrainTrigger.Manual)
        {
            return TrainingGate.Go("asked by hand");
        }

        var needed = (1 + policy.MinNewDataShare) * state.EventsAtLastTraining;
        var grown = eventsNow >= needed;
        if (state.Paused)
        {
            return grown
                ? new TrainingGate(true, true, $"data grew to {eventsNow:N0} events")
                : TrainingGate.Stop($"retraining is paused ({state.PausedReason}); it resumes when the data grows by {policy.MinNewDataShare:P0} ({needed:N0} events, now {eventsNow:N0}) or by hand");
        }

        return !grown && trigger == TrainTrigger.NewData
            ? TrainingGate.Stop($"not enough new data: {eventsNow:N0} events, retraining needs {needed:N0}")
            : TrainingGate.Go(trigger == TrainTrigger.Schedule ? "scheduled" : "the data grew enough");
    }

    /// <summary>Promote or reject a trained challenger, and whether retraining pauses after it.</summary>
    /// <param name="policy">The task's retraining policy.</param>
    /// <param name="state">The bookkeeping before this training (after any resume).</param>
    /// <param name="champion">The champion and its AUC on the challenger's test clients, or null for the first model.</param>
    /// <param name="challengerAuc">The challenger's test AUC.</param>
    /// <param name="testClients">Test clients both were scored on (for the reason).</param>
    public static ChallengerDecision Judge(RetrainingPolicy policy, RetrainingState state, ChampionScore? champion, double challengerAuc, long testClients)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(state);
        if (champion is not { } current)
        {
            var first = challengerAuc >= policy.MinimumAuc - Tolerance;
            return new ChallengerDecision(
                first,
                first
                    ? $"first model: test AUC {challengerAuc:0.0000} ≥ minimum {policy.MinimumAuc}"
                    : $"first model: test AUC {challengerAuc:0.0000} is below the minimum {policy.MinimumAuc}; not used for scoring",
                0,
                false,
                null);
        }

        var promote = challengerAuc - current.Auc >= policy.MinAucGain - Tolerance;
        var reason = promote
            ? $"challenger AUC {challengerAuc:0.0000} beats champion v{current.Version} ({current.Auc:0.0000}) on the same {testClients:N0} test clients by ≥ {policy.MinAucGain}"
            : $"challenger AUC {challengerAuc:0.0000} does not beat champion v{current.Version} ({current.Auc:0.0000}) on the same {testClients:N0} test clients by {policy.MinAucGain}";
        var nonImproving = promote ? 0 : state.NonImproving + 1;
        var pause = nonImproving >= policy.Patience;
        return new ChallengerDecision(promote, reason, nonImproving, pause, pause ? $"{nonImproving} retrains in a row without improvement" : null);
    }
}
