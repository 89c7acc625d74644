using System.Net;
using System.Net.Http.Json;
using Clickcast.IntegrationTests.Support;
using Clickcast.Metadata;
using Clickcast.Server.Exports;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Tenants.Audit;
using Clickcast.Tenants.Keys;

namespace Clickcast.IntegrationTests.Server;

/// <summary>Rotating a webhook's signing secret: a new one, shown once, stored encrypted, audited; only by a tenant admin.</summary>
public sealed class SecretRotationTests
{
    private const string Rotate = "api/tenants/other/tasks/churn/exports/crm/secret/rotate";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rotate_WebhookDestination_NewSecretShownOnceAndStoredEncrypted()
    {
        await using var host = await ServerHost.StartAsync();
        await host.Get<TenantCatalog>().SaveAsync(DemoServer.OtherDefinition(), Token);
        var tenantAdmin = await host.Get<ApiKeyStore>().CreateAsync(ApiKeyScope.Tenant, DemoServer.Other, "ops", "test", Token);
        using var client = host.Client(tenantAdmin.Secret);

        using var first = await client.PostAsync(new Uri(Rotate, UriKind.Relative), null, Token);
        var rotated = (await first.Content.ReadFromJsonAsync<RotatedSecret>(ClickcastJson.Options, Token))!;
        using var second = await client.PostAsync(new Uri(Rotate, UriKind.Relative), null, Token);
        var again = (await second.Content.ReadFromJsonAsync<RotatedSecret>(ClickcastJson.Options, Token))!;
        var stored = (await host.Get<TenantCatalog>().GetTaskAsync(DemoServer.Other, "churn", Token))!;
        var shown = await client.GetStringAsync(new Uri("api/tenants/other/tasks/churn", UriKind.Relative), Token);
        var audit = await host.Get<AuditLog>().ListAsync(DemoServer.Other, 10, cancellationToken: Token);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.StartsWith(SecretRotation.SecretStart, rotated.Secret, StringComparison.Ordinal);
        Assert.Equal(SecretRotation.SecretStart.Length + 64, rotated.Secret.Length);
        Assert.NotEqual(rotated.Secret, again.Secret);
        Assert.Equal(again.Secret, stored.Exports[0].Webhook.Secret);
        Assert.True(again.DefinitionVersion > rotated.DefinitionVersion);
        Assert.DoesNotContain(again.Secret, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(again.Secret, await StoredDefinitionAsync(host), StringComparison.Ordinal);
        Assert.Equal(["POST tasks/{task}/exports/{destination}/secret/rotate", "POST tasks/{task}/exports/{destination}/secret/rotate"], audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.Equal((tenantAdmin.Key.Id, AuditOutcome.Succeeded), (e.KeyId!.Value, e.Outcome)));
    }

    [Fact]
    public async Task Rotate_ReadKeyOrNonWebhookOrUnknown_RefusedAndNothingChanges()
    {
        await using var host = await ServerHost.StartAsync();
        await host.Get<TenantCatalog>().SaveAsync(DemoServer.OtherDefinition(), Token);
        await host.Get<TenantCatalog>().SaveAsync(DemoServer.ShopDefinition(), Token);
        var reader = await host.Get<ApiKeyStore>().CreateAsync(ApiKeyScope.Read, DemoServer.Other, "viewer", "test", Token);
        using var client = host.Client(reader.Secret);
        using var admin = host.Client(ServerHost.AdminKey);

        using var byReader = await client.PostAsync(new Uri(Rotate, UriKind.Relative), null, Token);
        using var files = await admin.PostAsync(new Uri($"api/tenants/{DemoServer.Shop}/tasks/{DemoServer.Task}/exports/files/secret/rotate", UriKind.Relative), null, Token);
        using var unknown = await admin.PostAsync(new Uri("api/tenants/other/tasks/churn/exports/nope/secret/rotate", UriKind.Relative), null, Token);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Conflict, HttpStatusCode.NotFound), (byReader.StatusCode, files.StatusCode, unknown.StatusCode));
        Assert.Equal("other-webhook-secret-0123456789", (await host.Get<TenantCatalog>().GetTaskAsync(DemoServer.Other, "churn", Token))!.Exports[0].Webhook.Secret);
    }

    private static async Task<string> StoredDefinitionAsync(ServerHost host)
    {
        await using var connection = await host.Get<MetadataDatabase>().OpenConnectionAsync(Token);
        await using var command = connection.CreateCommand("SELECT definition FROM tenants WHERE id = 'other'");
        return (string)(await command.ExecuteScalarAsync(Token))!;
    }
}
