using Clickcast.Training;

namespace Clickcast.Scoring;

/// <summary>A real-time score: the champion's calibrated probability of the client's chain as it is now.</summary>
/// <param name="ClientId">The client, when the request named one.</param>
/// <param name="Probability">Calibrated probability of the target action, 0–1.</param>
/// <param name="Percentile">Rank within the champion's latest batch score distribution (0–100); null before its first scoring run.</param>
/// <param name="Bucket"><c>high</c>, <c>medium</c> or <c>low</c> by the task's percentiles; null with the percentile.</param>
/// <param name="AboveThreshold">True when the probability passes the champion's decision threshold.</param>
/// <param name="ModelVersion">The champion's registry version.</param>
/// <param name="Events">Events in the chain that was scored (stored plus new, capped to what the model reads).</param>
/// <param name="StoredEvents">Events of that chain read from the stored sequences.</param>
/// <param name="TopFactors">URL tokens that move this score most (occlusion), strongest first; empty when not asked for.</param>
/// <param name="Dropped">Request events that were not scored, and why.</param>
public sealed record LivePrediction(
    string? ClientId,
    double Probability,
    double? Percentile,
    string? Bucket,
    bool AboveThreshold,
    int ModelVersion,
    int Events,
    int StoredEvents,
    IReadOnlyList<TokenInfluence> TopFactors,
    IReadOnlyList<LiveEventDrop> Dropped);
