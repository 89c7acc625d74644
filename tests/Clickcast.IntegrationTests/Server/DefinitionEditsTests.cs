using System.Net.Http.Json;
using System.Net;
using System.Text;
using Clickcast.IntegrationTests.Support;
using Clickcast.Server.Tenants;
using Clickcast.Storage;
using Clickcast.Tenants;

namespace Clickcast.IntegrationTests.Server;

/// <summary>Definitions through the API: bounded in size and history, within the operator's limits, and never a lost update.</summary>
public sealed class DefinitionEditsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PutTenant_BodyOverTheLimit_IsTooLargeAndStoresNothing()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Limits:MaxDefinitionBytes"] = "65536" });
        using var admin = host.Client(ServerHost.AdminKey);
        await KeyScopeTests.CreateTenantAsync(admin);
        var definition = DemoServer.OtherDefinition();
        definition.DisplayName = new string('x', 200_000);

        using var sized = await admin.PutAsync(new Uri("api/tenants/other", UriKind.Relative), new StringContent(System.Text.Json.JsonSerializer.Serialize(definition, ClickcastJson.Options), Encoding.UTF8, "application/json"), Token);
        using var chunked = await admin.PutAsync(new Uri("api/tenants/other", UriKind.Relative), new ChunkedJson(definition), Token);

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.RequestEntityTooLarge), (sized.StatusCode, chunked.StatusCode));
        Assert.Contains("Limits:MaxDefinitionBytes", await sized.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal([1], (await host.Get<TenantCatalog>().VersionsAsync("other", Token)).Select(v => v.Version));
    }

    [Fact]
    public async Task PutTenant_IfMatch_StaleIsPreconditionFailedCurrentSaves()
    {
        await using var host = await ServerHost.StartAsync();
        using var admin = host.Client(ServerHost.AdminKey);
        await KeyScopeTests.CreateTenantAsync(admin);
        using var read = await admin.GetAsync(new Uri("api/tenants/other", UriKind.Relative), Token);
        var etag = read.Headers.ETag!.Tag;
        var definition = DemoServer.OtherDefinition();
        definition.DisplayName = "first";

        using var first = await PutAsync(admin, "api/tenants/other", definition, etag);
        definition.DisplayName = "second, based on the same read";
        using var second = await PutAsync(admin, "api/tenants/other", definition, etag);
        using var garbage = await PutAsync(admin, "api/tenants/other", definition, "v2");

        Assert.Equal("\"1\"", etag);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.PreconditionFailed, HttpStatusCode.BadRequest), (first.StatusCode, second.StatusCode, garbage.StatusCode));
        Assert.Equal("\"2\"", first.Headers.ETag!.Tag);
        Assert.Equal("first", (await host.Get<TenantCatalog>().GetAsync("other", Token))!.DisplayName);
    }

    [Fact]
    public async Task UpdateTasks_ConcurrentEdits_EverySuccessIsKept()
    {
        await using var host = await ServerHost.StartAsync();
        using var admin = host.Client(ServerHost.AdminKey);
        var tenant = DemoServer.OtherDefinition();
        for (var i = 1; i < 8; i++)
        {
            var task = DemoServer.OtherDefinition().Tasks[0];
            task.Id = "task" + i;
            tenant.Tasks.Add(task);
        }

        await host.Get<TenantCatalog>().SaveAsync(tenant, Token);

        var edits = tenant.Tasks.Select(async task =>
        {
            var changed = DemoServer.OtherDefinition().Tasks[0];
            changed.Id = task.Id;
            changed.Description = "edited " + task.Id;
            using var response = await admin.PutAsJsonAsync(new Uri($"api/tenants/other/tasks/{task.Id}", UriKind.Relative), changed, ClickcastJson.Options, Token);
            return (task.Id, response.StatusCode);
        });
        var results = await Task.WhenAll(edits);

        var saved = (await host.Get<TenantCatalog>().GetAsync("other", Token))!;
        Assert.All(results, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{r.Id}: {r.StatusCode}"));
        Assert.Contains(results, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var (id, _) in results.Where(r => r.StatusCode == HttpStatusCode.OK))
        {
            Assert.Equal("edited " + id, saved.Tasks.Single(t => t.Id == id).Description);
        }
    }

    [Fact]
    public async Task CreateTask_OverTheOperatorsLimits_IsBadRequestNamingFieldValueAndLimit()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Limits:MaxHiddenSize"] = "256" });
        using var admin = host.Client(ServerHost.AdminKey);
        await KeyScopeTests.CreateTenantAsync(admin);
        var task = DemoServer.OtherDefinition().Tasks[0];
        task.Id = "wide";
        task.Model.Gru.HiddenSize = 4096;
        task.Retraining.Schedule = "* * * * *";

        using var response = await admin.PostAsJsonAsync(new Uri("api/tenants/other/tasks", UriKind.Relative), task, ClickcastJson.Options, Token);
        var body = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("tasks[1].model.gru.hiddenSize: 4096 exceeds the operator's limit 256 (Limits:MaxHiddenSize)", body, StringComparison.Ordinal);
        Assert.Contains("Limits:MinScheduleInterval", body, StringComparison.Ordinal);
        Assert.Single((await host.Get<TenantCatalog>().GetAsync("other", Token))!.Tasks);
    }

    [Fact]
    public async Task Train_TenantAtItsJobQuota_IsTooManyRequests()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Limits:MaxJobsInFlightPerTenant"] = "2" });
        using var admin = host.Client(ServerHost.AdminKey);
        await KeyScopeTests.CreateTenantAsync(admin);

        var statuses = new List<HttpStatusCode>();
        foreach (var action in new[] { "train", "score", "train" })
        {
            using var response = await admin.PostAsync(new Uri($"api/tenants/other/tasks/churn/{action}", UriKind.Relative), null, Token);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string path, TenantDefinition definition, string ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(definition, options: ClickcastJson.Options) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request, Token);
    }

    /// <summary>JSON without a Content-Length: the server has to stop reading it at the limit.</summary>
    private sealed class ChunkedJson : HttpContent
    {
        private readonly TenantDefinition _definition;

        public ChunkedJson(TenantDefinition definition)
        {
            _definition = definition;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(_definition, ClickcastJson.Options))).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
