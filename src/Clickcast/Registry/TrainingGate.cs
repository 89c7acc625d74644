namespace Clickcast.Registry;

/// <summary>Whether a task trains now.</summary>
/// <param name="Train">It trains.</param>
/// <param name="Resume">A pause ends first (the data grew enough).</param>
/// <param name="Reason">Why, in words.</param>
public sealed record TrainingGate(bool Train, bool Resume, string Reason)
{
    /// <summary>It trains.</summary>
    public static TrainingGate Go(string reason) => new(true, false, reason);

    /// <summary>It does not train.</summary>
    public static TrainingGate Stop(string reason) => new(false, false, reason);
}
