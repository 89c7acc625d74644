namespace Clickcast.Labels;

/// <summary>
/// The action a task predicts: an event whose URL token matches <see cref="UrlPattern"/> and/or whose type is
/// <see cref="EventType"/> (both must hold when both are set).
/// </summary>
public sealed class TargetDefinition
{
    /// <summary>Pattern compared with normalized URL tokens (e.g. <c>shop.example.com/checkout</c>).</summary>
    public string? UrlPattern { get; set; }

    /// <summary>How <see cref="UrlPattern"/> is compared.</summary>
    public UrlMatchKind Match { get; set; } = UrlMatchKind.Prefix;

    /// <summary>Event type that counts as the target (e.g. <c>purchase</c>).</summary>
    public string? EventType { get; set; }

    /// <summary>Predict that the action will NOT happen: the same labels, flipped.</summary>
    public bool Invert { get; set; }

    public override string ToString()
    {
        var parts = new List<string>();
        if (UrlPattern is not null)
        {
            parts.Add($"URL {Match.ToString().ToLowerInvariant()} '{UrlPattern}'");
        }

        if (EventType is not null)
        {
            parts.Add($"event type '{EventType}'");
        }

        return (Invert ? "no " : string.Empty) + string.Join(" and ", parts);
    }
}
