namespace Clickcast.Scoring;

/// <summary>How far a task's scores drifted from its champion's first scoring (<see cref="PopulationStability"/>).</summary>
public enum ScoreDrift
{
    /// <summary>PSI below 0.1: no action.</summary>
    Stable,

    /// <summary>PSI 0.1 to 0.25: worth a look.</summary>
    Moderate,

    /// <summary>PSI above 0.25: the population changed; check the data and consider retraining.</summary>
    Significant,
}
