using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Clickcast.IntegrationTests.Support;
using Clickcast.Pipeline;
using Clickcast.Pipeline.Jobs;
using Clickcast.Storage;
using Clickcast.Tenants;

namespace Clickcast.IntegrationTests.Server;

/// <summary>What a tenant meets through the API: strict definitions, true run outcomes, a way out of quarantine.</summary>
public sealed class FirstContactApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateTenant_UnknownKey_IsAProblemNamingTheValidKeys()
    {
        await using var host = await ServerHost.StartAsync();
        using var admin = host.Client(ServerHost.AdminKey);
        using var body = new StringContent("""{ "id": "acme", "ingest": { "mapping": { "clientId": "cid", "timeField": "ts" } } }""", Encoding.UTF8, "application/json");

        using var response = await admin.PostAsync(new Uri("api/tenants", UriKind.Relative), body, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("detail").GetString();
        Assert.Contains("unknown key 'timeField' in ingest.mapping", detail, StringComparison.Ordinal);
        Assert.Contains("clientId, timestamp, url", detail, StringComparison.Ordinal);
        Assert.Empty(await host.Get<TenantCatalog>().ListAsync(Token));
    }

    [Fact]
    public async Task QuarantineRetry_AfterTheMappingIsFixed_IngestsTheFileAndTheRunsSayWhatHappened()
    {
        await using var host = await ServerHost.StartAsync();
        using var admin = host.Client(ServerHost.AdminKey);
        var catalog = host.Get<TenantCatalog>();
        var definition = new TenantDefinition { Id = "acme", Ingest = { Mapping = { Url = "page" } } };
        await catalog.SaveAsync(definition, Token);
        await host.Get<IObjectStore>().PutBytesAsync(TenantLayout.Raw("acme") + "a.csv", Encoding.UTF8.GetBytes("client_id,ts,url\nc1,2026-11-25T10:00:00Z,https://shop.example.com/cart\n"), Token);
        await host.Get<PipelineRunner>().RunOnceAsync(Token);
        var runs = await admin.GetFromJsonAsync<JsonElement>(new Uri("api/tenants/acme/runs?kind=Ingest", UriKind.Relative), Token);
        var quarantined = Assert.Single(runs.EnumerateArray());
        Assert.Equal("Succeeded", quarantined.GetProperty("status").GetString());
        Assert.Equal("Quarantined", quarantined.GetProperty("outcome").GetString());
        Assert.Contains("'page'", quarantined.GetProperty("outcomeReason").GetString(), StringComparison.Ordinal);

        definition.Ingest.Mapping.Url = null;
        await catalog.SaveAsync(definition, Token);
        using var retry = await admin.PostAsync(new Uri("api/tenants/acme/quarantine/retry", UriKind.Relative), null, Token);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var retried = Assert.Single((await retry.Content.ReadFromJsonAsync<JsonElement>(Token)).EnumerateArray());
        await host.Get<PipelineRunner>().RunOnceAsync(Token);

        var job = (await host.Get<JobQueue>().GetAsync(retried.GetProperty("id").GetInt64(), Token))!;
        Assert.Equal(RunOutcome.Succeeded, job.Outcome);
    }
}
