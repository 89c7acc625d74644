namespace Clickcast.Labels;

/// <summary>
/// What training holds per sampled client, in bytes: a part per client, a part per stored event of its chain, and a
/// part per event of the model's window (the newest <see cref="Window"/> events, so that part stops growing there);
/// and what it holds once whatever the sample's size (<see cref="FixedBytes"/>), charged before any client.
/// </summary>
/// <param name="PerClient">Bytes per client, whatever its length.</param>
/// <param name="PerEvent">Bytes per stored event.</param>
/// <param name="PerWindowEvent">Bytes per event of the window.</param>
/// <param name="Window">Events in the window (0: none).</param>
public readonly record struct SampleFootprint(double PerClient, double PerEvent, double PerWindowEvent, int Window)
{
    /// <summary>The sample's chains alone (<see cref="ExampleChains"/>): ≈ 160 bytes per client and at most 16 per event (the wide layout; 8 when narrow).</summary>
    public static SampleFootprint Chains { get; } = new(ExampleChains.BytesPerClient, ExampleChains.BytesPerEvent, 0, 0);

    /// <summary>Bytes held once per training whatever its sample (the GRU's weights, optimiser state and batch); 0 by default.</summary>
    public double FixedBytes { get; init; }

    /// <summary>
    /// Bytes a client of <paramref name="meanEvents"/> stored events takes on average. The mean of the clients'
    /// windows is at most the window of the mean (a window is a minimum, which is concave), so this bounds the mean.
    /// </summary>
    public double BytesPerClient(double meanEvents) =>
        PerClient + (PerEvent * meanEvents) + (PerWindowEvent * Math.Min(meanEvents, Window));
}
