using System.Net;
using System.Net.Http.Json;
using System.Text;
using Clickcast.Generation;
using Clickcast.IntegrationTests.Support;
using Clickcast.Pipeline;
using Clickcast.Registry;
using Clickcast.Scoring;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Tenants.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clickcast.IntegrationTests.Server;

/// <summary>
/// Real-time scoring (<c>POST …/predict</c>): equal to the batch scorer for the same chain, new raw events
/// normalised like ingest, re-sent events not counted twice, hostile requests refused before any work, and a
/// promotion taking effect at once.
/// </summary>
public sealed class PredictApiTests(DemoServer demo)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>After every event of the demo's data: new events.</summary>
    private static readonly DateTimeOffset Later = new(2031, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static string Predict => $"api/tenants/{DemoServer.Shop}/tasks/{DemoServer.Task}/predict";

    [Fact]
    public async Task Predict_StoredClient_EqualsTheBatchScore()
    {
        var latest = await LatestScoresAsync(demo.Host);
        using var client = demo.Host.Client(demo.ShopKey);

        var results = new List<(Prediction Batch, LivePrediction Live)>();
        foreach (var batch in latest.Take(25))
        {
            using var response = await client.PostAsJsonAsync(new Uri(Predict, UriKind.Relative), new { clientId = batch.ClientId, top = 0 }, Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            results.Add((batch, (await response.Content.ReadFromJsonAsync<LivePrediction>(ClickcastJson.Options, Token))!));
        }

        Assert.Equal(25, results.Count);
        Assert.All(results, r =>
        {
            Assert.Equal(r.Batch.Probability, r.Live.Probability, 1e-9);
            Assert.Equal(r.Batch.Percentile, r.Live.Percentile!.Value, 1e-9);
            Assert.Equal(r.Batch.Bucket, r.Live.Bucket);
            Assert.Equal(r.Batch.AboveThreshold, r.Live.AboveThreshold);
            Assert.Equal(r.Batch.ModelVersion, r.Live.ModelVersion);
            Assert.True(r.Live.StoredEvents > 0);
        });
    }

    [Fact]
    public async Task ClientLookup_StoredClient_ExplainsTheSameChainRealTimeScoringReads()
    {
        var known = (await LatestScoresAsync(demo.Host))[3];
        using var client = demo.Host.Client(demo.ShopKey);
        using var live = await client.PostAsJsonAsync(new Uri(Predict, UriKind.Relative), new { clientId = known.ClientId, top = 3 }, Token);
        var prediction = (await live.Content.ReadFromJsonAsync<LivePrediction>(ClickcastJson.Options, Token))!;

        var lookup = await client.GetFromJsonAsync<ClientScore>(new Uri($"api/tenants/{DemoServer.Shop}/tasks/{DemoServer.Task}/predictions/clients/{Uri.EscapeDataString(known.ClientId!)}?top=3", UriKind.Relative), ClickcastJson.Options, Token);

        Assert.NotNull(lookup);
        Assert.Equal(known.ClientId, lookup.Prediction.ClientId);
        Assert.Equal(prediction.StoredEvents, Math.Min(lookup.Events, prediction.Events));
        Assert.Equal(prediction.TopFactors.Select(f => f.Token), lookup.TopUrls.Select(f => f.Token));
    }

    [Fact]
    public async Task Predict_NewRawEvents_AreNormalisedAppendedAndExplained()
    {
        var known = (await LatestScoresAsync(demo.Host))[0];
        using var client = demo.Host.Client(demo.ShopKey);
        using var before = await client.PostAsJsonAsync(new Uri(Predict, UriKind.Relative), new { clientId = known.ClientId, top = 0 }, Token);
        var stored = (await before.Content.ReadFromJsonAsync<LivePrediction>(ClickcastJson.Options, Token))!;
        var now = Later;
        var events = new[]
        {
            new { time = now, url = "https://" + ClickstreamGenerator.TargetUrl + "?utm_source=mail", type = (string?)null },
            new { time = now.AddSeconds(1), url = "https://shop.example.com/cart/view?id=7", type = (string?)"page_view" },
            new { time = now.AddSeconds(2), url = "not a url at all", type = (string?)null },
            new { time = DateTimeOffset.UnixEpoch, url = "https://shop.example.com/old", type = (string?)null },
        };

        using var response = await client.PostAsJsonAsync(new Uri(Predict, UriKind.Relative), new { clientId = known.ClientId, events, top = 3 }, Token);
        var live = (await response.Content.ReadFromJsonAsync<LivePrediction>(ClickcastJson.Options, Token))!;
        using var alone = await client.PostAsJsonAsync(new Uri(Predict, UriKind.Relative), new { events = events.Take(2) }, Token);
        var anonymous = (await alone.Content.ReadFromJsonAsync<LivePrediction>(ClickcastJson.Options, Token))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([(2, "InvalidUrl"), (3, "AlreadyStored")], live.Dropped.Select(d => (d.Index, d.Reason)));
        Assert.Equal(Math.Min(stored.Events + 2, live.Events), live.Events);
        Assert.NotEqual(stored.Probability, live.Probability);
        Assert.InRange(live.TopFactors.Count, 1, 3);
        Assert.Equal(HttpStatusCode.OK, alone.StatusCode);
        Assert.Equal((2, 0, (string?)null), (anonymous.Events, anonymous.StoredEvents, anonymous.ClientId));
    }

    [Fact]
    public async Task PredictBatch_SeveralClients_OneResultEachInOrder()
    {
        var latest = await LatestScoresAsync(demo.Host);
        using var client = demo.Host.Client(demo.ShopKey);
        var ids = latest.Take(10).Select(p => p.ClientId).ToList();

        using var response = await client.PostAsJsonAsync(new Uri(Predict + "/batch", UriKind.Relative), new { clients = ids.Select(id => new { clientId = id }) }, Token);
        var results = (await response.Content.ReadFromJsonAsync<List<LivePrediction>>(ClickcastJson.Options, Token))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ids, results.Select(r => r.ClientId));
        Assert.Equal(latest.Take(10).Select(p => Math.Round(p.Probability, 9)), results.Select(r => Math.Round(r.Probability, 9)));
    }

    [Fact]
    public async Task Predict_HostileOrEmptyRequests_AreRefusedBeforeAnyWork()
    {
        using var client = demo.Host.Client(demo.ShopKey);
        var oneEvent = new[] { new { time = Later, url = "https://shop.example.com/a" } };
        var tooManyEvents = Enumerable.Range(0, LiveScorer.MaxEventsPerClient + 1).Select(i => new { time = DateTimeOffset.UnixEpoch.AddSeconds(i), url = "https://shop.example.com/a" });

        var statuses = new List<HttpStatusCode>();
        foreach (var (path, body) in new (string, object)[]
        {
            (Predict, new { }),
            (Predict, new { clientId = new string('x', 300) }),
            (Predict, new { events = tooManyEvents }),
            (Predict, new { events = oneEvent, top = 21 }),
            (Predict + "/batch", new { clients = Enumerable.Range(0, LiveScorer.MaxClientsPerRequest + 1).Select(i => new { clientId = "c" + i }) }),
            (Predict + "/batch", new { clients = Array.Empty<object>() }),
            (Predict, new { events = oneEvent, unknown = 1 }),
            (Predict, new { clientId = "never-seen-client" }),
            ($"api/tenants/{DemoServer.Shop}/tasks/nope/predict", new { events = oneEvent }),
        })
        {
            using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, Token);
            statuses.Add(response.StatusCode);
        }

        HttpStatusCode? huge;
        try
        {
            // Kestrel answers 413 from Content-Length and may close the connection while the client still writes.
            using var response = await client.PostAsync(new Uri(Predict, UriKind.Relative), new StringContent("{\"clientId\":\"" + new string('a', 2 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json"), Token);
            huge = response.StatusCode;
        }
        catch (HttpRequestException)
        {
            huge = HttpStatusCode.RequestEntityTooLarge;
        }

        Assert.Equal(
            [HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.NotFound],
            statuses);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge);
    }

    [Fact]
    public async Task Predict_TaskWithoutChampion_IsConflictAndOtherTenantsKeyIsForbidden()
    {
        using var other = demo.Host.Client(demo.OtherKey);
        var body = new { events = new[] { new { time = Later, url = "https://other.example.com/a" } } };

        using var noChampion = await other.PostAsJsonAsync(new Uri("api/tenants/other/tasks/churn/predict", UriKind.Relative), body, Token);
        using var foreign = await other.PostAsJsonAsync(new Uri(Predict, UriKind.Relative), body, Token);

        Assert.Equal(HttpStatusCode.Conflict, noChampion.StatusCode);
        Assert.Contains("no champion", await noChampion.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
    }

    [Fact]
    public async Task Predict_AfterPromotionThroughTheApi_UsesTheNewChampionAtOnce()
    {
        await using var host = await ServerHost.StartAsync();
        await host.Get<TenantCatalog>().SaveAsync(DemoServer.ShopDefinition(), cancellationToken: Token);
        var key = (await host.Get<ApiKeyStore>().CreateAsync(ApiKeyScope.Read, DemoServer.Shop, "reader", "test", Token)).Secret;
        using var files = new TempFolder();
        var (written, _) = ClickstreamFiles.Write(new GeneratorOptions { Clients = 1_500, Days = 20, Seed = 5 }, files.Path);
        var store = host.Get<IObjectStore>();
        foreach (var file in written.Take(14))
        {
            await store.PutFileAsync(TenantLayout.Raw(DemoServer.Shop) + Path.GetFileName(file), file, Token);
        }

        var runner = host.Get<PipelineRunner>();
        await runner.RunOnceAsync(Token);
        foreach (var file in written.Skip(14))
        {
            await store.PutFileAsync(TenantLayout.Raw(DemoServer.Shop) + Path.GetFileName(file), file, Token);
        }

        await runner.RunOnceAsync(Token);
        using var reader = host.Client(key);
        using var admin = host.Client(ServerHost.AdminKey);
        var body = new { events = new[] { new { time = Later, url = "https://shop.example.com/catalog/1" } }, top = 0 };
        using var first = await reader.PostAsJsonAsync(new Uri(Predict, UriKind.Relative), body, Token);
        var firstVersion = (await first.Content.ReadFromJsonAsync<LivePrediction>(ClickcastJson.Options, Token))!.ModelVersion;
        var versions = await host.Get<ModelRegistry>().ListAsync(DemoServer.Shop, DemoServer.Task, Token);
        var other = versions.Select(v => v.Version).First(v => v != firstVersion);

        using var promote = await admin.PostAsJsonAsync(new Uri($"api/tenants/{DemoServer.Shop}/tasks/{DemoServer.Task}/models/{other}/promote", UriKind.Relative), new { reason = "test" }, Token);
        using var second = await reader.PostAsJsonAsync(new Uri(Predict, UriKind.Relative), body, Token);
        var secondVersion = (await second.Content.ReadFromJsonAsync<LivePrediction>(ClickcastJson.Options, Token))!.ModelVersion;

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((await host.Get<ModelRegistry>().GetChampionAsync(DemoServer.Shop, DemoServer.Task, Token))!.Version, secondVersion);
        Assert.Equal(HttpStatusCode.OK, promote.StatusCode);
        Assert.Equal(other, secondVersion);
    }

    [Fact(Timeout = 900_000)] // a safety net: before the background re-read, the second request hung on the held read
    public async Task Predict_WhileTheChampionsRecheckWaitsOnTheStore_AnswersWithTheWarmChampion()
    {
        var token = TestContext.Current.CancellationToken;
        HeldStateStore? held = null;
        await using var host = await ServerHost.StartAsync(configure: services =>
        {
            var original = services.Last(d => d.ServiceType == typeof(IObjectStore)).ImplementationFactory!;
            services.AddSingleton<IObjectStore>(provider => held = new HeldStateStore((IObjectStore)original(provider)));

            // Every request finds the champion due for a re-read.
            services.AddSingleton(provider => new WarmChampions(
                provider.GetRequiredService<ModelRegistry>(), provider.GetRequiredService<ModelStore>(), provider.GetRequiredService<Scorer>(),
                provider.GetRequiredService<Clickcast.Sequences.SequenceLookup>(), provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<WarmChampions>>())
            { RecheckInterval = TimeSpan.Zero });
        });
        await host.Get<TenantCatalog>().SaveAsync(DemoServer.ShopDefinition(), cancellationToken: token);
        var key = (await host.Get<ApiKeyStore>().CreateAsync(ApiKeyScope.Read, DemoServer.Shop, "reader", "test", token)).Secret;
        using var files = new TempFolder();
        var (written, _) = ClickstreamFiles.Write(new GeneratorOptions { Clients = 1_500, Days = 20, Seed = 5 }, files.Path);
        foreach (var file in written)
        {
            await host.Get<IObjectStore>().PutFileAsync(TenantLayout.Raw(DemoServer.Shop) + Path.GetFileName(file), file, token);
        }

        await host.Get<PipelineRunner>().RunOnceAsync(token);
        using var reader = host.Client(key);
        var body = new { events = new[] { new { time = Later, url = "https://shop.example.com/catalog/1" } }, top = 0 };
        using var warm = await reader.PostAsJsonAsync(new Uri(Predict, UriKind.Relative), body, token);
        var expected = (await warm.Content.ReadFromJsonAsync<LivePrediction>(ClickcastJson.Options, token))!;

        held!.Hold(); // the scoring state's read now waits, as on a slow disk or object store
        using var during = await reader.PostAsJsonAsync(new Uri(Predict, UriKind.Relative), body, token);
        var answer = (await during.Content.ReadFromJsonAsync<LivePrediction>(ClickcastJson.Options, token))!;
        await held.Reached.Task.WaitAsync(token); // the re-read did start, and is still held
        held.Release();

        Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        Assert.Equal((expected.ModelVersion, expected.Probability, expected.Percentile), (answer.ModelVersion, answer.Probability, answer.Percentile));
    }

    /// <summary>The clients of the newest scoring run of the demo's task (scored as of the current data).</summary>
    private static async Task<List<Prediction>> LatestScoresAsync(ServerHost host)
    {
        var store = host.Get<IObjectStore>();
        using var copy = await store.GetLocalCopyAsync(Scorer.CurrentKey(DemoServer.Shop, DemoServer.Task), Token);
        var all = new List<Prediction>();
        await foreach (var p in PredictionFileReader.ReadAsync(copy.Path, Token))
        {
            all.Add(p);
        }

        var newest = all.Max(p => p.ScoredAt);
        return [.. all.Where(p => p.ScoredAt == newest).OrderBy(p => p.ClientId, StringComparer.Ordinal)];
    }

    /// <summary>An object store whose reads of a scoring state wait while <see cref="Hold"/> is on.</summary>
    private sealed class HeldStateStore(IObjectStore inner) : IObjectStore
    {
        private volatile TaskCompletionSource? _gate;

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _gate?.TrySetResult();

        public IAsyncEnumerable<StoredObject> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default) =>
            inner.ListAsync(prefix, startAfter, cancellationToken);

        public Task<StoredObject?> GetInfoAsync(string key, CancellationToken cancellationToken = default) => inner.GetInfoAsync(key, cancellationToken);

        public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
        {
            if (_gate is { } gate && key.EndsWith("/predictions/state.json", StringComparison.Ordinal))
            {
                Reached.TrySetResult();
                await gate.Task.WaitAsync(cancellationToken);
            }

            return await inner.OpenReadAsync(key, cancellationToken);
        }

        public Task<StoredObject> PutAsync(string key, Stream content, CancellationToken cancellationToken = default) => inner.PutAsync(key, content, cancellationToken);

        public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);
    }
}
