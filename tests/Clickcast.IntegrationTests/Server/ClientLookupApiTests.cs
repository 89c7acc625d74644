using System.Net;
using System.Net.Http.Json;
using Clickcast.Ingestion.Urls;
using Clickcast.IntegrationTests.Support;
using Clickcast.Scoring;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Training;

namespace Clickcast.IntegrationTests.Server;

/// <summary>
/// <c>GET …/predictions/clients/{client}</c> returns the client's stored chain, newest last, capped, each event marked
/// with whether the model that scored the client read it; an unknown client is a 404 problem.
/// </summary>
public sealed class ClientLookupApiTests(DemoServer demo)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Lookup(string client) => $"api/tenants/{DemoServer.Shop}/tasks/{DemoServer.Task}/predictions/clients/{Uri.EscapeDataString(client)}";

    [Fact]
    public async Task Lookup_ScoredClient_ReturnsItsStoredChainMarkedWhereTheModelReadIt()
    {
        var scored = await ScoredClientAsync(demo.Host, minEvents: 6);
        var sequence = (await demo.Host.Get<SequenceLookup>().FindAsync(DemoServer.Shop, scored, Token))!;
        using var client = demo.Host.Client(demo.ShopKey);

        var score = (await client.GetFromJsonAsync<ClientScore>(new Uri(Lookup(scored), UriKind.Relative), ClickcastJson.Options, Token))!;

        var chain = score.Chain!;
        var kept = Math.Min(sequence.Length, ClientChain.MaxEvents);
        Assert.Equal(kept, chain.Count);
        var cutter = new UrlTokenCutter(UrlLevel.Path, pathSegments: 1);
        Assert.Equal(sequence.Urls.Skip(sequence.Length - kept).Select(cutter.Cut), chain.Select(e => e.Token));
        Assert.Equal(sequence.EventTypes.Skip(sequence.Length - kept), chain.Select(e => e.EventType));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(sequence.LastEventMicros * 10), chain[^1].At);
        // Time mode, default length cap: the model read the newest min(chain, cap) events, and only those.
        var read = Math.Min(sequence.Length, new ModelSettings().MaxSequenceLength);
        Assert.Equal(Math.Min(read, kept), chain.Count(e => e.Observed));
        Assert.All(chain.TakeLast(Math.Min(read, kept)), e => Assert.True(e.Observed));
    }

    [Fact]
    public async Task Lookup_UnknownClient_IsANotFoundProblemNamingTheClient()
    {
        using var client = demo.Host.Client(demo.ShopKey);

        using var response = await client.GetAsync(new Uri(Lookup("no-such-client-42"), UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no score for client 'no-such-client-42'", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    /// <summary>The first client of the demo's current scores in the high bucket with at least <paramref name="minEvents"/> stored events.</summary>
    internal static async Task<string> ScoredClientAsync(ServerHost host, int minEvents)
    {
        var lookup = host.Get<SequenceLookup>();
        using var copy = await host.Get<IObjectStore>().GetLocalCopyAsync(Scorer.CurrentKey(DemoServer.Shop, DemoServer.Task), Token);
        await foreach (var p in PredictionFileReader.ReadAsync(copy.Path, Token))
        {
            if (p.Bucket == "high" && (await lookup.FindAsync(DemoServer.Shop, p.ClientId, Token))?.Length >= minEvents)
            {
                return p.ClientId;
            }
        }

        throw new InvalidOperationException($"The demo scored no high client with {minEvents} events.");
    }
}
