namespace Clickcast.Scoring;

/// <summary>What a real-time scoring request came to.</summary>
public enum LiveScoringOutcome
{
    /// <summary>Scored.</summary>
    Scored = 0,

    /// <summary>The task has no champion yet: nothing can score.</summary>
    NoChampion,

    /// <summary>No stored chain for the client and no usable event in the request: there is nothing to score.</summary>
    NoEvents,
}
