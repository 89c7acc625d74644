using System.Net;
using System.Net.Http.Json;
using System.Text;
using Clickcast.IntegrationTests.Support;
using Clickcast.Pipeline.Jobs;
using Clickcast.Storage;
using Clickcast.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Clickcast.IntegrationTests.Server;

/// <summary>
/// Every endpoint of the API, called with another tenant's key: 403 or 404, no data of the tenant in the answer, and
/// nothing changed. The list of endpoints comes from the server itself, so a new endpoint is covered (or fails here)
/// without anyone remembering to add it.
/// </summary>
public sealed class TenantIsolationTests(DemoServer demo)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Endpoints outside /api/tenants/{tenant}: what a tenant key gets there.</summary>
    private static readonly Dictionary<string, HttpStatusCode> NonTenantEndpoints = new()
    {
        ["GET /api/me"] = HttpStatusCode.OK,
        ["GET /api/tenants"] = HttpStatusCode.OK,
        ["POST /api/tenants"] = HttpStatusCode.Forbidden,
        ["GET /api/audit"] = HttpStatusCode.Forbidden,
        ["GET /api/keys"] = HttpStatusCode.Forbidden,
        ["POST /api/keys"] = HttpStatusCode.Forbidden,
        ["DELETE /api/keys/{id:long}"] = HttpStatusCode.Forbidden,
        ["POST /api/notifications/s3"] = HttpStatusCode.Forbidden,
    };

    [Fact]
    public async Task EveryTenantEndpoint_AnotherTenantsKey_IsForbiddenWithoutDataOrChanges()
    {
        var shopJob = (await demo.Host.Get<JobQueue>().ListAsync(new JobQuery { Tenant = DemoServer.Shop, Limit = 1 }, Token))[0];
        var versionsBefore = await demo.Host.Get<TenantCatalog>().VersionsAsync(DemoServer.Shop, Token);
        var jobsBefore = (await demo.Host.Get<JobQueue>().ListAsync(new JobQuery { Limit = 1 }, Token))[0].Id;
        var endpoints = Endpoints().Where(e => e.Pattern.Contains("{tenant}", StringComparison.Ordinal)).ToList();
        Assert.True(endpoints.Count >= 30, $"only {endpoints.Count} tenant endpoints found");

        using var other = demo.Host.Client(demo.OtherKey);
        using var shop = demo.Host.Client(demo.ShopKey);
        foreach (var (method, pattern) in endpoints)
        {
            // The other tenant's key on shop's resources, and shop's key on the other tenant's.
            foreach (var (client, tenant, leaks) in new[] { (other, DemoServer.Shop, new[] { "checkout", "propensity", "Shop" }), (shop, DemoServer.Other, new[] { "churn", "other-webhook-secret", "Other company" }) })
            {
                var url = Fill(pattern, tenant, shopJob.Id);
                using var response = await client.SendAsync(Request(method, url), Token);
                var body = await response.Content.ReadAsStringAsync(Token);
                Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{method} {url}: {(int)response.StatusCode} {body}");
                foreach (var leak in leaks)
                {
                    Assert.DoesNotContain(leak, body, StringComparison.Ordinal);
                }
            }
        }

        Assert.Equal(versionsBefore, await demo.Host.Get<TenantCatalog>().VersionsAsync(DemoServer.Shop, Token));
        Assert.Equal(jobsBefore, (await demo.Host.Get<JobQueue>().ListAsync(new JobQuery { Limit = 1 }, Token))[0].Id);
        Assert.Null(await demo.Host.Get<Clickcast.Storage.IObjectStore>().GetInfoAsync($"tenants/{DemoServer.Shop}/raw/isolation.csv", Token));
    }

    [Fact]
    public async Task EveryOtherEndpoint_TenantKey_GetsOnlyItsOwnOrIsForbidden()
    {
        var endpoints = Endpoints().Where(e => e.Pattern.StartsWith("/api/", StringComparison.Ordinal) && !e.Pattern.Contains("{tenant}", StringComparison.Ordinal)).ToList();
        Assert.Equal(NonTenantEndpoints.Keys.Order(), endpoints.Select(e => $"{e.Method} {e.Pattern}").Order());

        using var other = demo.Host.Client(demo.OtherKey);
        foreach (var (method, pattern) in endpoints)
        {
            var url = pattern.Replace("{id:long}", "1", StringComparison.Ordinal);
            using var request = Request(method, url);
            if (pattern.EndsWith("/s3", StringComparison.Ordinal))
            {
                request.Content = new StringContent("""{"Records":[{"eventName":"s3:ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"tenants%2Fshop%2Fraw%2Fx.csv"}}}]}""", Encoding.UTF8, "application/json");
            }

            using var response = await other.SendAsync(request, Token);
            var body = await response.Content.ReadAsStringAsync(Token);
            Assert.True(NonTenantEndpoints[$"{method} {pattern}"] == response.StatusCode, $"{method} {url}: {(int)response.StatusCode} {body}");
            Assert.DoesNotContain("checkout", body, StringComparison.Ordinal);
            Assert.DoesNotContain("\"shop\"", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GetRun_AnotherTenantsRunUnderOwnTenant_IsNotFound()
    {
        var shopJob = (await demo.Host.Get<JobQueue>().ListAsync(new JobQuery { Tenant = DemoServer.Shop, Limit = 1 }, Token))[0];
        using var other = demo.Host.Client(demo.OtherKey);

        using var response = await other.GetAsync(new Uri($"api/tenants/{DemoServer.Other}/runs/{shopJob.Id}", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("checkout", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListTenants_TenantKey_SeesOnlyItsTenant()
    {
        using var other = demo.Host.Client(demo.OtherKey);

        var tenants = await other.GetFromJsonAsync<List<Clickcast.Server.Tenants.TenantOverview>>(new Uri("api/tenants", UriKind.Relative), Clickcast.Storage.ClickcastJson.Options, Token);

        Assert.Equal([DemoServer.Other], tenants!.Select(t => t.Id));
    }

    private List<(string Method, string Pattern)> Endpoints() =>
        demo.Host.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, Normalize(e.RoutePattern.RawText!))))
            .Distinct()
            .ToList();

    private static string Normalize(string pattern) => pattern.Length > 1 ? pattern.TrimEnd('/') : pattern;

    private static string Fill(string pattern, string tenant, long jobId) => pattern
        .Replace("{tenant}", tenant, StringComparison.Ordinal)
        .Replace("{task}", tenant == DemoServer.Shop ? DemoServer.Task : "churn", StringComparison.Ordinal)
        .Replace("{id:long}", jobId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{version:int}", "1", StringComparison.Ordinal)
        .Replace("{client}", "c1", StringComparison.Ordinal)
        .Replace("{**name}", "isolation.csv", StringComparison.Ordinal);

    private static HttpRequestMessage Request(string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url.TrimStart('/'));
        if (method is "POST" or "PUT")
        {
            request.Content = url.Contains("/uploads/", StringComparison.Ordinal)
                ? new ByteArrayContent("client_id,ts,url\nc1,2026-10-01T00:00:00Z,https://shop.example.com/\n"u8.ToArray())
                : new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }
}
