namespace Clickcast.Registry;

/// <summary>The champion's version and its AUC on the challenger's test clients.</summary>
public readonly record struct ChampionScore(int Version, double Auc);
