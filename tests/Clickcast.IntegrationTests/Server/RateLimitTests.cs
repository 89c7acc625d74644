using System.Net.Http.Json;
using System.Net;
using Clickcast.IntegrationTests.Support;
using Clickcast.Storage;
using Clickcast.Tenants.Keys;

namespace Clickcast.IntegrationTests.Server;

/// <summary>Budgets belong to tenants, not keys: more keys buy no more requests, and the keys a tenant holds are capped.</summary>
public sealed class RateLimitTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_OneTenantsKeysTogether_ShareOneBudgetApartFromTheOperator()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Server:RequestsPerWindow"] = "6", ["Server:RateLimitWindow"] = "01:00:00" });
        using var admin = host.Client(ServerHost.AdminKey);
        var tenant = await KeyScopeTests.CreateTenantAsync(admin);
        using var first = host.Client(tenant.Key!.Secret);
        var keys = new List<HttpClient> { first };
        keys.Add(host.Client(await KeyScopeTests.IssueAsync(first, "Read")));
        keys.Add(host.Client(await KeyScopeTests.IssueAsync(first, "Read")));

        // Two requests spent issuing; four more fit; each key alone would have had six.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await keys[i % 3].GetAsync(new Uri("api/me", UriKind.Relative), Token);
            statuses.Add(response.StatusCode);
        }

        using var byOperator = await admin.GetAsync(new Uri("api/me", UriKind.Relative), Token);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, byOperator.StatusCode);
        foreach (var client in keys.Skip(1))
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task IssueKey_AtTheTenantsCap_IsConflictUntilOneIsRevoked()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Server:MaxKeysPerTenant"] = "2" });
        using var admin = host.Client(ServerHost.AdminKey);
        var tenant = await KeyScopeTests.CreateTenantAsync(admin);
        using var tenantAdmin = host.Client(tenant.Key!.Secret);
        await KeyScopeTests.IssueAsync(tenantAdmin, "Read");

        using var third = await tenantAdmin.PostAsJsonAsync(new Uri("api/tenants/other/keys", UriKind.Relative), new { name = "third", scope = "Read" }, Token);
        var readKey = (await host.Get<ApiKeyStore>().ListAsync("other", Token)).First(k => k.Scope == ApiKeyScope.Read);
        using var revoked = await tenantAdmin.DeleteAsync(new Uri($"api/tenants/other/keys/{readKey.Id}", UriKind.Relative), Token);
        using var again = await tenantAdmin.PostAsJsonAsync(new Uri("api/tenants/other/keys", UriKind.Relative), new { name = "third", scope = "Read" }, Token);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.NoContent, HttpStatusCode.Created), (third.StatusCode, revoked.StatusCode, again.StatusCode));
        Assert.Contains("Server:MaxKeysPerTenant", await third.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(2, await host.Get<ApiKeyStore>().CountActiveAsync("other", Token));
    }
}
