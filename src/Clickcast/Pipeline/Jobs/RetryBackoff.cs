namespace Clickcast.Pipeline.Jobs;

/// <summary>How the wait between attempts grows.</summary>
public enum RetryBackoff
{
    /// <summary>The same interval after every failed attempt.</summary>
    Fixed = 0,

    /// <summary>The interval times the factor after each failed attempt, up to a maximum.</summary>
    Exponential,
}
