using System.Net;
using System.Net.Http.Json;
using System.Text;
using Clickcast.Events;
using Clickcast.Ingestion;
using Clickcast.IntegrationTests.Support;
using Clickcast.Pipeline.Jobs;
using Clickcast.Storage;
using Clickcast.Tenants;

namespace Clickcast.IntegrationTests.Server;

/// <summary>The shard count changes only through the re-shard: a definition update is refused, the re-shard rewrites the events and then changes it.</summary>
public sealed class ReshardApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PutTenant_ShardsChanged_IsBadRequestNamingTheReshardAndSavesNothing()
    {
        await using var host = await ServerHost.StartAsync();
        using var admin = host.Client(ServerHost.AdminKey);
        await KeyScopeTests.CreateTenantAsync(admin);
        var definition = DemoServer.OtherDefinition();
        definition.Shards = 4;

        using var changed = await admin.PutAsJsonAsync(new Uri("api/tenants/other", UriKind.Relative), definition, ClickcastJson.Options, Token);
        definition.Shards = 1;
        definition.DisplayName = "kept at one shard";
        using var kept = await admin.PutAsJsonAsync(new Uri("api/tenants/other", UriKind.Relative), definition, ClickcastJson.Options, Token);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.OK), (changed.StatusCode, kept.StatusCode));
        Assert.Contains("clickcast reshard --tenant other --shards 4", await changed.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(1, (await host.Get<TenantCatalog>().GetAsync("other", Token))!.Shards);
    }

    [Fact]
    public async Task PostReshard_RewritesTheEventsThenChangesTheCount_OneAtATimeAdminOnly()
    {
        await using var host = await ServerHost.StartAsync();
        using var admin = host.Client(ServerHost.AdminKey);
        var created = await KeyScopeTests.CreateTenantAsync(admin);
        var store = host.Get<IObjectStore>();
        var csv = new StringBuilder("client_id,ts,url\n");
        for (var i = 0; i < 300; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"c{i % 41},2026-11-{1 + (i % 3):D2}T10:{i % 60:D2}:00Z,https://shop.example.com/p/{i % 7}\n");
        }

        await store.PutBytesAsync(TenantLayout.Raw("other") + "a.csv", Encoding.UTF8.GetBytes(csv.ToString()), Token);
        await host.Get<Ingestor>().IngestFileAsync("other", TenantLayout.Raw("other") + "a.csv", new IngestOptions { MaxParallelFiles = 1 }, Token);
        using var tenantKey = host.Client(created.Key!.Secret);

        using var notAdmin = await tenantKey.PostAsJsonAsync(new Uri("api/tenants/other/reshard", UriKind.Relative), new { shards = 4 }, Token);
        using var odd = await admin.PostAsJsonAsync(new Uri("api/tenants/other/reshard", UriKind.Relative), new { shards = 3 }, Token);
        using var same = await admin.PostAsJsonAsync(new Uri("api/tenants/other/reshard", UriKind.Relative), new { shards = 1 }, Token);
        using var overLimit = await admin.PostAsJsonAsync(new Uri("api/tenants/other/reshard", UriKind.Relative), new { shards = 128 }, Token); // Limits:MaxShards is 64
        using var queued = await admin.PostAsJsonAsync(new Uri("api/tenants/other/reshard", UriKind.Relative), new { shards = 4 }, Token);
        using var second = await admin.PostAsJsonAsync(new Uri("api/tenants/other/reshard", UriKind.Relative), new { shards = 8 }, Token);
        var job = (await queued.Content.ReadFromJsonAsync<Job>(ClickcastJson.Options, Token))!;
        var handler = host.Get<IEnumerable<IJobHandler>>().Single(h => h.Kind == JobKind.Reshard);
        var outcome = await handler.RunAsync(job, Token);
        var retried = await handler.RunAsync(job, Token); // a retry after the count changed ends the same

        Assert.Equal(
            (HttpStatusCode.Forbidden, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.Accepted, HttpStatusCode.Conflict),
            (notAdmin.StatusCode, odd.StatusCode, same.StatusCode, queued.StatusCode, second.StatusCode));
        Assert.Equal(JobKind.Reshard, job.Kind);
        Assert.Equal(HttpStatusCode.BadRequest, overLimit.StatusCode);
        Assert.Contains("Limits:MaxShards", await overLimit.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.True(outcome.IsSuccess && retried.IsSuccess, outcome.Error ?? retried.Error);
        Assert.Equal(4, (await host.Get<TenantCatalog>().GetAsync("other", Token))!.Shards);
        Assert.Empty(await EventLayout.ListAsync(store, "other", 1, Token));
        var files = await EventLayout.ListAsync(store, "other", 4, Token);
        Assert.Equal(3, files.Select(f => f.Period).Distinct().Count());
        Assert.Contains(await host.Get<JobQueue>().ListAsync(new JobQuery { Tenant = "other", Kind = JobKind.Sequences }, Token), j => j.ParentId == job.Id);
    }
}
