using System.Net;
using System.Text.Json;
using Clickcast.IntegrationTests.Support;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Tests.Support;

namespace Clickcast.IntegrationTests.Server;

/// <summary>
/// The per-tenant stored-bytes quota (<c>Limits:MaxStoredBytesPerTenant</c>) on the real server: uploads fill it to the
/// cap, the next one is a 507 naming the setting, the usage and the cap, stores nothing, and another tenant is unaffected.
/// </summary>
public sealed class StoredBytesQuotaTests
{
    private const long Cap = 200;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_PastTheTenantsStoredBytes_Is507WithSettingUsageAndCap()
    {
        await using var host = await StartAsync();
        using var admin = host.Client(ServerHost.AdminKey);

        var first = await PutAsync(admin, DemoServer.Other, "a.csv", Body(120));
        var toTheCap = await PutAsync(admin, DemoServer.Other, "day2/b.csv", Body(80));
        var announced = await PutAsync(admin, DemoServer.Other, "c.csv", Body(1));
        var chunked = await PutAsync(admin, DemoServer.Other, "d.csv", Chunked(Body(1)));
        var otherTenant = await PutAsync(admin, DemoServer.Shop, "a.csv", Body(150));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created), (first.Status, toTheCap.Status, otherTenant.Status));
        foreach (var (status, body) in new[] { announced, chunked })
        {
            Assert.True(status == HttpStatusCode.InsufficientStorage, $"{(int)status} {body}");
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            Assert.Equal(("Storage quota exceeded", "Limits:MaxStoredBytesPerTenant", 200L, 1L, Cap), (root.GetProperty("title").GetString(), root.GetProperty("setting").GetString(), root.GetProperty("storedBytes").GetInt64(), root.GetProperty("uploadBytes").GetInt64(), root.GetProperty("maxStoredBytes").GetInt64()));
            Assert.Contains("stores 200 bytes", root.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Contains("quota of 200 bytes (Limits:MaxStoredBytesPerTenant)", root.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var store = host.Get<IObjectStore>();
        Assert.Null(await store.GetInfoAsync(TenantLayout.Root(DemoServer.Other) + "raw/c.csv", Token));
        Assert.Null(await store.GetInfoAsync(TenantLayout.Root(DemoServer.Other) + "raw/d.csv", Token));
    }

    [Fact]
    public async Task Upload_ReplacingAFileAtTheCap_CountsOnlyTheNewVersion()
    {
        await using var host = await StartAsync();
        using var admin = host.Client(ServerHost.AdminKey);
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(admin, DemoServer.Other, "a.csv", Body(150))).Status);
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(admin, DemoServer.Other, "b.csv", Body(50))).Status);

        var smaller = await PutAsync(admin, DemoServer.Other, "a.csv", Body(100));
        var refilled = await PutAsync(admin, DemoServer.Other, "c.csv", Body(50));
        var over = await PutAsync(admin, DemoServer.Other, "a.csv", Body(101));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (smaller.Status, refilled.Status));
        Assert.True(over.Status == HttpStatusCode.InsufficientStorage, $"{(int)over.Status} {over.Body}");
        Assert.Contains("100 of them in 'a.csv', which this upload replaces", over.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_QuotaZero_HasNoCap()
    {
        await using var host = await StartAsync(quota: 0);
        using var admin = host.Client(ServerHost.AdminKey);

        var uploads = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            uploads.Add((await PutAsync(admin, DemoServer.Other, $"f{i}.csv", Body(150))).Status);
        }

        Assert.All(uploads, status => Assert.Equal(HttpStatusCode.Created, status));
    }

    private static async Task<ServerHost> StartAsync(long quota = Cap)
    {
        var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Limits:MaxStoredBytesPerTenant"] = quota.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await host.Get<TenantCatalog>().SaveAsync(DemoServer.OtherDefinition(), Token);
        await host.Get<TenantCatalog>().SaveAsync(DemoServer.ShopDefinition(), Token);
        return host;
    }

    private static ByteArrayContent Body(int bytes)
    {
        var header = "client_id,ts,url\n"u8.ToArray();
        var content = new byte[bytes];
        for (var i = 0; i < bytes; i++)
        {
            content[i] = i < header.Length ? header[i] : (byte)'x';
        }

        return new ByteArrayContent(content);
    }

    /// <summary>The same bytes without a Content-Length: the quota is checked on the bytes read.</summary>
    private static StreamContent Chunked(ByteArrayContent content) => new(new NonSeekableStream(content.ReadAsStream()));

    private static async Task<(HttpStatusCode Status, string Body)> PutAsync(HttpClient client, string tenant, string name, HttpContent content)
    {
        using (content)
        {
            using var response = await client.PutAsync(new Uri($"api/tenants/{tenant}/uploads/{name}", UriKind.Relative), content, Token);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Token));
        }
    }
}
