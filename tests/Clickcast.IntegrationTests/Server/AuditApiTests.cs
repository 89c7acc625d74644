using System.Net;
using System.Net.Http.Json;
using Clickcast.IntegrationTests.Support;
using Clickcast.Server.Audit;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Tenants.Audit;
using Clickcast.Tenants.Keys;

namespace Clickcast.IntegrationTests.Server;

/// <summary>Every state-changing call is audited (who, tenant, action, target, when, outcome), refusals included; reads are not.</summary>
public sealed class AuditApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PauseResumeRetraining_TenantKey_AuditedAndShownToTheTenantOnly()
    {
        await using var host = await ServerHost.StartAsync();
        await host.Get<TenantCatalog>().SaveAsync(DemoServer.ShopDefinition(), Token);
        await host.Get<TenantCatalog>().SaveAsync(DemoServer.OtherDefinition(), Token);
        var shopKey = await host.Get<ApiKeyStore>().CreateAsync(ApiKeyScope.Tenant, DemoServer.Shop, "ops", "test", Token);
        var otherKey = await host.Get<ApiKeyStore>().CreateAsync(ApiKeyScope.Tenant, DemoServer.Other, "ops", "test", Token);
        using var shop = host.Client(shopKey.Secret);
        using var other = host.Client(otherKey.Secret);
        var task = $"api/tenants/{DemoServer.Shop}/tasks/{DemoServer.Task}";

        using var pause = await shop.PostAsJsonAsync(new Uri(task + "/retraining/pause", UriKind.Relative), new { reason = "holiday freeze" }, Token);
        using var resume = await shop.PostAsync(new Uri(task + "/retraining/resume", UriKind.Relative), null, Token);
        using var read = await shop.GetAsync(new Uri(task, UriKind.Relative), Token);
        var entries = (await shop.GetFromJsonAsync<AuditEntry[]>(new Uri($"api/tenants/{DemoServer.Shop}/audit", UriKind.Relative), ClickcastJson.Options, Token))!;
        var othersView = (await other.GetFromJsonAsync<AuditEntry[]>(new Uri($"api/tenants/{DemoServer.Other}/audit", UriKind.Relative), ClickcastJson.Options, Token))!;
        using var peek = await other.GetAsync(new Uri($"api/tenants/{DemoServer.Shop}/audit", UriKind.Relative), Token);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (pause.StatusCode, resume.StatusCode, read.StatusCode));
        Assert.Equal(["POST tasks/{task}/retraining/resume", "POST tasks/{task}/retraining/pause"], entries.Select(e => e.Action));
        var paused = entries[1];
        Assert.Equal((shopKey.Key.Id, shopKey.Key.Prefix, DemoServer.Shop, $"/{task}/retraining/pause", AuditOutcome.Succeeded, 200),
            (paused.KeyId!.Value, paused.KeyPrefix, paused.Tenant, paused.Target, paused.Outcome, paused.Status!.Value));
        Assert.Empty(othersView);
        Assert.Equal(HttpStatusCode.Forbidden, peek.StatusCode);
    }

    [Fact]
    public async Task RefusedActions_ReadKeyAndImpossibleRollback_AuditedAsRefusedWithTheReason()
    {
        await using var host = await ServerHost.StartAsync();
        await host.Get<TenantCatalog>().SaveAsync(DemoServer.ShopDefinition(), Token);
        var readKey = await host.Get<ApiKeyStore>().CreateAsync(ApiKeyScope.Read, DemoServer.Shop, "viewer", "test", Token);
        using var reader = host.Client(readKey.Secret);
        using var admin = host.Client(ServerHost.AdminKey);
        var task = $"api/tenants/{DemoServer.Shop}/tasks/{DemoServer.Task}";

        using var pause = await reader.PostAsync(new Uri(task + "/retraining/pause", UriKind.Relative), null, Token);
        using var rollback = await admin.PostAsync(new Uri(task + "/models/rollback", UriKind.Relative), null, Token);
        using var readerAudit = await reader.GetAsync(new Uri($"api/tenants/{DemoServer.Shop}/audit", UriKind.Relative), Token);
        var entries = (await admin.GetFromJsonAsync<AuditEntry[]>(new Uri($"api/tenants/{DemoServer.Shop}/audit", UriKind.Relative), ClickcastJson.Options, Token))!;

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Conflict, HttpStatusCode.Forbidden), (pause.StatusCode, rollback.StatusCode, readerAudit.StatusCode));
        Assert.Equal(2, entries.Length);
        Assert.Equal(("POST tasks/{task}/models/rollback", AuditOutcome.Refused, 409), (entries[0].Action, entries[0].Outcome, entries[0].Status!.Value));
        Assert.False(string.IsNullOrEmpty(entries[0].Detail));
        Assert.Equal((readKey.Key.Id, AuditOutcome.Refused, 403), (entries[1].KeyId!.Value, entries[1].Outcome, entries[1].Status!.Value));
        Assert.Contains("'Read' key", entries[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeKey_AnswerInsideAResultsUnion_AuditedWithItsOwnStatus()
    {
        await using var host = await ServerHost.StartAsync();
        await host.Get<TenantCatalog>().SaveAsync(DemoServer.ShopDefinition(), Token);
        var minted = await host.Get<ApiKeyStore>().CreateAsync(ApiKeyScope.Read, DemoServer.Shop, "crm", "test", Token);
        using var admin = host.Client(ServerHost.AdminKey);

        using var revoke = await admin.DeleteAsync(new Uri($"api/tenants/{DemoServer.Shop}/keys/{minted.Key.Id}", UriKind.Relative), Token);
        using var again = await admin.DeleteAsync(new Uri($"api/tenants/{DemoServer.Shop}/keys/{minted.Key.Id}", UriKind.Relative), Token);
        var entries = await host.Get<AuditLog>().ListAsync(DemoServer.Shop, 10, cancellationToken: Token);

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (revoke.StatusCode, again.StatusCode));
        Assert.Equal([(AuditOutcome.Refused, 404), (AuditOutcome.Succeeded, 204)], entries.Select(e => (e.Outcome, e.Status!.Value)));
        Assert.Contains($"no active key {minted.Key.Id}", entries[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MintAndRevokeKeys_Operator_AuditedInTheAdminWideLog()
    {
        await using var host = await ServerHost.StartAsync();
        await host.Get<TenantCatalog>().SaveAsync(DemoServer.ShopDefinition(), Token);
        using var admin = host.Client(ServerHost.AdminKey);

        using var mint = await admin.PostAsJsonAsync(new Uri($"api/tenants/{DemoServer.Shop}/keys", UriKind.Relative), new { name = "crm", scope = "Read" }, Token);
        var minted = (await host.Get<ApiKeyStore>().ListAsync(DemoServer.Shop, Token))[0];
        using var revoke = await admin.DeleteAsync(new Uri($"api/tenants/{DemoServer.Shop}/keys/{minted.Id}", UriKind.Relative), Token);
        using var adminKey = await admin.PostAsJsonAsync(new Uri("api/keys", UriKind.Relative), new { name = "deputy" }, Token);
        var all = (await admin.GetFromJsonAsync<AuditEntry[]>(new Uri("api/audit?limit=10", UriKind.Relative), ClickcastJson.Options, Token))!;
        using var tooMany = await admin.GetAsync(new Uri("api/audit?limit=100000", UriKind.Relative), Token);

        Assert.True(mint.IsSuccessStatusCode && revoke.IsSuccessStatusCode && adminKey.IsSuccessStatusCode);
        Assert.Equal(["POST keys", "DELETE keys/{id}", "POST keys"], all.Select(e => e.Action));
        Assert.Equal([null, DemoServer.Shop, DemoServer.Shop], all.Select(e => e.Tenant));
        Assert.Equal($"/api/tenants/{DemoServer.Shop}/keys/{minted.Id}", all[1].Target);
        Assert.All(all, e => Assert.Equal(AuditOutcome.Succeeded, e.Outcome));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/api/tenants/{tenant}/tasks/{task}/models/{version:int}/promote", "POST tasks/{task}/models/{version}/promote")]
    [InlineData("PUT", "/api/tenants/{tenant}/uploads/{**name}", "PUT uploads/{name}")]
    [InlineData("PUT", "/api/tenants/{tenant}", "PUT tenants/{tenant}")]
    [InlineData("POST", "/api/tenants", "POST tenants")]
    [InlineData("DELETE", "/api/keys/{id:long}", "DELETE keys/{id}")]
    public void Name_RoutePattern_ReadsWithoutApiTenantOrConstraints(string method, string pattern, string expected) =>
        Assert.Equal(expected, AuditAction.Name(method, pattern));

    [Theory]
    [InlineData(200, AuditOutcome.Succeeded)]
    [InlineData(204, AuditOutcome.Succeeded)]
    [InlineData(403, AuditOutcome.Refused)]
    [InlineData(409, AuditOutcome.Refused)]
    [InlineData(500, AuditOutcome.Failed)]
    public void Outcome_Status_Judged(int status, AuditOutcome expected) => Assert.Equal(expected, AuditAction.Outcome(status));
}
