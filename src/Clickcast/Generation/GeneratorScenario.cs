namespace Clickcast.Generation;

/// <summary>What the synthetic clients do.</summary>
public enum GeneratorScenario
{
    /// <summary>Browsing with a product → cart → checkout funnel; the checkout has its own URL.</summary>
    Funnel = 0,

    /// <summary>
    /// A shop where views, carts and purchases all land on product pages: only the event type tells a purchase from a
    /// view, and a hidden loyalty makes past buyers buy again (the repeat-buyer effect that type counts reveal).
    /// </summary>
    RepeatBuyers,
}
