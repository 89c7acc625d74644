using Clickcast.Training.Evaluation;

namespace Clickcast.Server.Models;

/// <summary>
/// A version's test metrics beside the champion of the time's on the same test clients (from comparison.json), when
/// it was judged as a challenger; first models and versions trained before comparisons were stored have only their own.
/// </summary>
/// <param name="Version">The version.</param>
/// <param name="Test">Its test metrics and curves (metrics.json).</param>
/// <param name="ChampionVersion">The champion it was judged against, if stored.</param>
/// <param name="Champion">That champion's metrics and curves on this version's test clients.</param>
/// <param name="Difference">This version's AUC − the champion's on the same clients: paired DeLong interval and p-value.</param>
public sealed record VersionComparison(int Version, ModelMetrics Test, int? ChampionVersion, ModelMetrics? Champion, AucDifference? Difference)
{
    /// <summary>True when the champion's side was measured on this version's own test clients.</summary>
    public bool SameTestClients => Champion is not null;
}
