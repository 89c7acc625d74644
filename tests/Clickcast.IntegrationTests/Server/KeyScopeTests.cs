using System.Net.Http.Json;
using System.Net;
using System.Text;
using Clickcast.IntegrationTests.Support;
using Clickcast.Server.Keys;
using Clickcast.Server.Tenants;
using Clickcast.Storage;
using Clickcast.Tenants.Keys;
using Clickcast.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Clickcast.IntegrationTests.Server;

/// <summary>
/// Key scopes: an upload key only uploads, a read key only reads, keys and definitions need a tenant admin, and no
/// key issues a key stronger than its own. Every endpoint comes from the server itself, so a new one is covered.
/// </summary>
public sealed class KeyScopeTests
{
    private const string UploadRoute = "PUT /api/tenants/{tenant}/uploads/{**name}";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TaskUploadKey_KeysTaskExportsAndRevoke_AreForbiddenAndChangeNothing()
    {
        await using var host = await ServerHost.StartAsync();
        using var admin = host.Client(ServerHost.AdminKey);
        var tenant = await CreateTenantAsync(admin);
        var task = DemoServer.OtherDefinition().Tasks[0];
        task.Id = "second";
        using var createdResponse = await admin.PostAsJsonAsync(new Uri("api/tenants/other/tasks", UriKind.Relative), task, ClickcastJson.Options, Token);
        var created = (await createdResponse.Content.ReadFromJsonAsync<TaskCreated>(ClickcastJson.Options, Token))!;
        using var upload = host.Client(created.Credentials!.Secret);
        var versionBefore = (await host.Get<TenantCatalog>().VersionsAsync("other", Token))[0].Version;
        task.Exports[0].Webhook.Url = "https://attacker.example.net/hook";

        using var mint = await upload.PostAsJsonAsync(new Uri("api/tenants/other/keys", UriKind.Relative), new { name = "mine", scope = "Tenant" }, Token);
        using var delete = await upload.DeleteAsync(new Uri("api/tenants/other/tasks/second", UriKind.Relative), Token);
        using var redirect = await upload.PutAsJsonAsync(new Uri("api/tenants/other/tasks/second", UriKind.Relative), task, ClickcastJson.Options, Token);
        using var revoke = await upload.DeleteAsync(new Uri($"api/tenants/other/keys/{tenant.Key!.Key.Id}", UriKind.Relative), Token);
        using var read = await upload.GetAsync(new Uri("api/tenants/other", UriKind.Relative), Token);
        using var put = await upload.PutAsync(new Uri("api/tenants/other/uploads/day1/events.csv", UriKind.Relative), new ByteArrayContent("client_id,ts,url\nc1,2026-10-01T00:00:00Z,https://other.example.com/a\n"u8.ToArray()), Token);
        var me = (await upload.GetFromJsonAsync<KeyIdentity>(new Uri("api/me", UriKind.Relative), ClickcastJson.Options, Token))!;

        Assert.Equal(ApiKeyScope.Upload, created.Credentials.Key.Scope);
        Assert.Equal(ApiKeyScope.Upload, me.Scope);
        Assert.Equal(
            (HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Created),
            (mint.StatusCode, delete.StatusCode, redirect.StatusCode, revoke.StatusCode, read.StatusCode, put.StatusCode));
        Assert.Equal(versionBefore, (await host.Get<TenantCatalog>().VersionsAsync("other", Token))[0].Version);
        Assert.Equal(2, (await host.Get<ApiKeyStore>().ListAsync("other", Token)).Count(k => k.RevokedAt is null));
    }

    [Fact]
    public async Task EveryTenantEndpoint_UploadAndReadKeys_OnlyTheirScopeGetsThrough()
    {
        await using var host = await ServerHost.StartAsync();
        using var admin = host.Client(ServerHost.AdminKey);
        var tenant = await CreateTenantAsync(admin);
        using var upload = host.Client(await IssueAsync(admin, "Upload"));
        using var reader = host.Client(await IssueAsync(admin, "Read"));
        var endpoints = Endpoints(host).Where(e => e.Pattern.Contains("{tenant}", StringComparison.Ordinal)).ToList();
        Assert.True(endpoints.Count >= 30, $"only {endpoints.Count} tenant endpoints found");

        foreach (var (method, pattern) in endpoints)
        {
            var route = $"{method} {pattern}";
            var url = Fill(pattern, tenant.Key!.Key.Id);
            using var byUpload = await upload.SendAsync(Request(method, url), Token);
            using var byReader = await reader.SendAsync(Request(method, url), Token);

            // Real-time scoring is a read: it computes a score and stores nothing. The audit log names keys: not for read keys.
            var readable = (method == "GET" && !pattern.Contains("/keys", StringComparison.Ordinal) && !pattern.EndsWith("/audit", StringComparison.Ordinal))
                || pattern.Contains("/predict", StringComparison.Ordinal);
            Assert.True((route == UploadRoute) == (byUpload.StatusCode != HttpStatusCode.Forbidden), $"upload key, {route}: {(int)byUpload.StatusCode} {await byUpload.Content.ReadAsStringAsync(Token)}");
            Assert.True(readable == (byReader.StatusCode != HttpStatusCode.Forbidden), $"read key, {route}: {(int)byReader.StatusCode} {await byReader.Content.ReadAsStringAsync(Token)}");
        }

        Assert.Equal(3, (await host.Get<ApiKeyStore>().ListAsync("other", Token)).Count(k => k.RevokedAt is null));
    }

    [Fact]
    public async Task IssueKey_StrongerThanTheCaller_IsRefused()
    {
        await using var host = await ServerHost.StartAsync();
        using var admin = host.Client(ServerHost.AdminKey);
        var tenant = await CreateTenantAsync(admin);
        using var tenantAdmin = host.Client(tenant.Key!.Secret);
        using var reader = host.Client(await IssueAsync(admin, "Read"));

        using var operatorKey = await tenantAdmin.PostAsJsonAsync(new Uri("api/tenants/other/keys", UriKind.Relative), new { name = "x", scope = "Admin" }, Token);
        using var operatorRoute = await tenantAdmin.PostAsJsonAsync(new Uri("api/keys", UriKind.Relative), new { name = "x" }, Token);
        using var byReader = await reader.PostAsJsonAsync(new Uri("api/tenants/other/keys", UriKind.Relative), new { name = "x", scope = "Read" }, Token);
        using var listByReader = await reader.GetAsync(new Uri("api/tenants/other/keys", UriKind.Relative), Token);
        using var uploadByAdmin = await tenantAdmin.PostAsJsonAsync(new Uri("api/tenants/other/keys", UriKind.Relative), new { name = "x", scope = "Upload" }, Token);
        using var byDefault = await tenantAdmin.PostAsJsonAsync(new Uri("api/tenants/other/keys", UriKind.Relative), new { name = "y" }, Token);

        Assert.Equal(
            (HttpStatusCode.BadRequest, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Created, HttpStatusCode.Created),
            (operatorKey.StatusCode, operatorRoute.StatusCode, byReader.StatusCode, listByReader.StatusCode, uploadByAdmin.StatusCode, byDefault.StatusCode));
        Assert.Equal(ApiKeyScope.Upload, (await uploadByAdmin.Content.ReadFromJsonAsync<IssuedApiKey>(ClickcastJson.Options, Token))!.Key.Scope);
        Assert.Equal(ApiKeyScope.Read, (await byDefault.Content.ReadFromJsonAsync<IssuedApiKey>(ClickcastJson.Options, Token))!.Key.Scope);
        Assert.DoesNotContain(await host.Get<ApiKeyStore>().ListAsync(null, Token), k => k.CreatedBy != "config");
    }

    internal static async Task<TenantCreated> CreateTenantAsync(HttpClient admin)
    {
        using var response = await admin.PostAsJsonAsync(new Uri("api/tenants", UriKind.Relative), DemoServer.OtherDefinition(), ClickcastJson.Options, Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TenantCreated>(ClickcastJson.Options, Token))!;
    }

    internal static async Task<string> IssueAsync(HttpClient client, string scope, string tenant = "other")
    {
        using var response = await client.PostAsJsonAsync(new Uri($"api/tenants/{tenant}/keys", UriKind.Relative), new { name = scope, scope }, Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<IssuedApiKey>(ClickcastJson.Options, Token))!.Secret;
    }

    private static List<(string Method, string Pattern)> Endpoints(ServerHost host) =>
        host.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e.RoutePattern.RawText!.Length > 1 ? e.RoutePattern.RawText.TrimEnd('/') : e.RoutePattern.RawText)))
            .Distinct()
            .ToList();

    private static string Fill(string pattern, long keyId) => pattern
        .Replace("{tenant}", "other", StringComparison.Ordinal)
        .Replace("{task}", "churn", StringComparison.Ordinal)
        .Replace("/keys/{id:long}", "/keys/" + keyId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{id:long}", "1", StringComparison.Ordinal)
        .Replace("{version:int}", "1", StringComparison.Ordinal)
        .Replace("{client}", "c1", StringComparison.Ordinal)
        .Replace("{**name}", "scopes.csv", StringComparison.Ordinal);

    private static HttpRequestMessage Request(string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url.TrimStart('/'));
        if (method is "POST" or "PUT")
        {
            request.Content = url.Contains("/uploads/", StringComparison.Ordinal)
                ? new ByteArrayContent("client_id,ts,url\nc1,2026-10-01T00:00:00Z,https://other.example.com/\n"u8.ToArray())
                : new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }
}
