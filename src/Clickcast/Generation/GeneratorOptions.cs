using System.ComponentModel.DataAnnotations;

namespace Clickcast.Generation;

/// <summary>Shape of a synthetic clickstream. Same options and seed, same events, byte for byte.</summary>
public sealed class GeneratorOptions
{
    /// <summary>Human clients (bots come on top, see <see cref="BotShare"/>).</summary>
    [Range(1, 100_000_000)]
    public int Clients { get; set; } = 10_000;

    /// <summary>Mean events per human client; the distribution is heavy-tailed (a few clients have hundreds).</summary>
    [Range(1, 10_000)]
    public double MeanEventsPerClient { get; set; } = 40;

    /// <summary>Days covered, starting at <see cref="Start"/>.</summary>
    [Range(1, 3650)]
    public int Days { get; set; } = 28;

    /// <summary>First day (UTC midnight).</summary>
    public DateTimeOffset Start { get; set; } = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Distinct content pages per site section; popularity follows a power law.</summary>
    [Range(10, 10_000_000)]
    public int Pages { get; set; } = 2_000;

    /// <summary>Exponent of the power law of page popularity (Zipf's s).</summary>
    [Range(0.1, 5)]
    public double ZipfExponent { get; set; } = 1.1;

    /// <summary>Share of bot clients (crawler user agents, regular timing, many events).</summary>
    [Range(0, 0.5)]
    public double BotShare { get; set; } = 0.002;

    /// <summary>Share of junk rows: no client id, unparseable URL, static assets, analytics beacons.</summary>
    [Range(0, 0.5)]
    public double JunkShare { get; set; } = 0.01;

    /// <summary>What the clients do: the checkout funnel (default) or repeat buyers whose purchases only the event type reveals.</summary>
    public GeneratorScenario Scenario { get; set; } = GeneratorScenario.Funnel;

    /// <summary>Seed: the whole stream is a function of it.</summary>
    public int Seed { get; set; } = 20261126;
}
