using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Clickcast.Export;
using Clickcast.IntegrationTests.Support;
using Clickcast.Metadata;
using Clickcast.Pipeline.Triggers;
using Clickcast.Server.Tenants;
using Clickcast.Server.Uploads;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Tenants.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clickcast.IntegrationTests.Server;

/// <summary>Keys, secrets, uploads and limits, each on a server of its own.</summary>
public sealed class SecurityTests
{
    private const string WebhookSecret = "whsec-a-very-private-value-42";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateTenant_WithWebhookSecret_StoresItEncryptedAndNeverReturnsIt()
    {
        await using var host = await ServerHost.StartAsync();
        using var admin = host.Client(ServerHost.AdminKey);
        var definition = DemoServer.OtherDefinition();
        definition.Tasks[0].Exports[0].Webhook.Secret = WebhookSecret;

        using var created = await admin.PostAsJsonAsync(new Uri("api/tenants", UriKind.Relative), definition, ClickcastJson.Options, Token);
        var body = await created.Content.ReadAsStringAsync(Token);
        var issued = (await created.Content.ReadFromJsonAsync<TenantCreated>(ClickcastJson.Options, Token))!;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain(WebhookSecret, body, StringComparison.Ordinal);
        Assert.Contains(DefinitionSecrets.Mask, body, StringComparison.Ordinal);
        Assert.NotNull(issued.Key);
        Assert.Equal(Path.Combine(host.DataPath, "objects", "tenants", "other", "raw"), Directory.GetDirectories(Path.Combine(host.DataPath, "objects", "tenants", "other"), "raw").Single());

        // At rest: the definition row holds no plaintext; the catalog decrypts it for the exporter.
        Assert.DoesNotContain(WebhookSecret, await ScalarAsync(host, "SELECT definition FROM tenants WHERE id = 'other'"), StringComparison.Ordinal);
        Assert.Equal(WebhookSecret, (await host.Get<TenantCatalog>().GetTaskAsync("other", "churn", Token))!.Exports[0].Webhook.Secret);

        // Sending the masked definition back keeps the secret; reading it never shows it.
        using var key = host.Client(issued.Key.Secret);
        var task = (await key.GetFromJsonAsync<TaskView>(new Uri("api/tenants/other/tasks/churn", UriKind.Relative), ClickcastJson.Options, Token))!;
        Assert.Equal(DefinitionSecrets.Mask, task.Definition.Exports[0].Webhook.Secret);
        task.Definition.Description = "changed";
        using var updated = await key.PutAsJsonAsync(new Uri("api/tenants/other/tasks/churn", UriKind.Relative), task.Definition, ClickcastJson.Options, Token);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.DoesNotContain(WebhookSecret, await updated.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var saved = (await host.Get<TenantCatalog>().GetTaskAsync("other", "churn", Token))!;
        Assert.Equal(("changed", WebhookSecret), (saved.Description, saved.Exports[0].Webhook.Secret));
    }

    [Fact]
    public async Task UpdateTask_UrlChangedWithMaskedSecret_IsAProblemNamingTheSecretAndKeepsTheStoredOne()
    {
        await using var host = await ServerHost.StartAsync();
        using var admin = host.Client(ServerHost.AdminKey);
        var definition = DemoServer.OtherDefinition();
        definition.Tasks[0].Exports[0].Webhook.Secret = WebhookSecret;
        using var created = await admin.PostAsJsonAsync(new Uri("api/tenants", UriKind.Relative), definition, ClickcastJson.Options, Token);
        var issued = (await created.Content.ReadFromJsonAsync<TenantCreated>(ClickcastJson.Options, Token))!;
        using var key = host.Client(issued.Key!.Secret);
        var task = (await key.GetFromJsonAsync<TaskView>(new Uri("api/tenants/other/tasks/churn", UriKind.Relative), ClickcastJson.Options, Token))!;

        task.Definition.Exports[0].Webhook.Url = "https://attacker.example.net/collect";
        using var moved = await key.PutAsJsonAsync(new Uri("api/tenants/other/tasks/churn", UriKind.Relative), task.Definition, ClickcastJson.Options, Token);

        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        Assert.Contains("exports[0].webhook.secret", await moved.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var saved = (await host.Get<TenantCatalog>().GetTaskAsync("other", "churn", Token))!;
        Assert.Equal(("https://crm.other.example.com/hook", WebhookSecret), (saved.Exports[0].Webhook.Url, saved.Exports[0].Webhook.Secret));
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "webhook.url")]
    [InlineData("http://127.0.0.1:1/hook", "webhook.url")]
    [InlineData("http://localhost:8080/hook", "webhook.url")]
    [InlineData("http://[::1]/hook", "webhook.url")]
    [InlineData("http://10.0.0.1/hook", "webhook.url")]
    public async Task CreateTenant_WebhookOnANonPublicAddress_IsAProblemNamingTheField(string url, string field)
    {
        await using var host = await ServerHost.StartAsync();
        using var admin = host.Client(ServerHost.AdminKey);
        var definition = DemoServer.OtherDefinition();
        definition.Tasks[0].Exports[0].Webhook.Url = url;

        using var response = await admin.PostAsJsonAsync(new Uri("api/tenants", UriKind.Relative), definition, ClickcastJson.Options, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("tasks[0].exports[0]." + field, await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Empty(await host.Get<TenantCatalog>().ListAsync(Token));
    }

    [Fact]
    public async Task CreateTask_JoinOnBehalfOfWithCrLf_IsAProblemNamingTheField()
    {
        await using var host = await ServerHost.StartAsync();
        using var admin = host.Client(ServerHost.AdminKey);
        using var created = await admin.PostAsJsonAsync(new Uri("api/tenants", UriKind.Relative), DemoServer.OtherDefinition(), ClickcastJson.Options, Token);
        var task = DemoServer.OtherDefinition().Tasks[0];
        task.Id = "smuggle";
        task.Exports = [new ExportDestinationOptions
        {
            Name = "join",
            Kind = ExportDestinationKind.CleverDataJoin,
            Join = { BaseUrl = "https://cdp.other.example.com/api", Adapter = "a", Instance = 1, Token = "join-token-0123", OnBehalfOf = "cid\r\nDELETE /internal/admin/everything HTTP/1.1\r\nHost: admin" },
        }];

        using var response = await admin.PostAsJsonAsync(new Uri("api/tenants/other/tasks", UriKind.Relative), task, ClickcastJson.Options, Token);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("exports[0].join.onBehalfOf", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateTenant_InvalidDefinition_IsAProblemAndLeavesNothing()
    {
        await using var host = await ServerHost.StartAsync();
        using var admin = host.Client(ServerHost.AdminKey);
        var definition = DemoServer.OtherDefinition();
        definition.Tasks[0].Target = new Clickcast.Labels.TargetDefinition();

        using var response = await admin.PostAsJsonAsync(new Uri("api/tenants", UriKind.Relative), definition, ClickcastJson.Options, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("tasks[0].target", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Empty(await host.Get<TenantCatalog>().ListAsync(Token));
        Assert.Empty(await host.Get<ApiKeyStore>().ListAsync("other", Token));
    }

    [Fact]
    public async Task Keys_IssuedUsedRejectedAndRevoked_StoredHashedAndNeverLogged()
    {
        var logs = new RecordingLoggerProvider();
        await using var host = await ServerHost.StartAsync(
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" },
            services => services.AddSingleton<ILoggerProvider>(logs));
        await host.Get<TenantCatalog>().SaveAsync(DemoServer.OtherDefinition(), Token);
        using var admin = host.Client(ServerHost.AdminKey);

        using var issuedResponse = await admin.PostAsJsonAsync(new Uri("api/tenants/other/keys", UriKind.Relative), new { name = "ci" }, Token);
        var issued = (await issuedResponse.Content.ReadFromJsonAsync<IssuedApiKey>(ClickcastJson.Options, Token))!;
        using var key = host.Client(issued.Secret);
        using var ok = await key.GetAsync(new Uri("api/tenants/other", UriKind.Relative), Token);
        using var viaHeader = new HttpClient { BaseAddress = host.Address };
        viaHeader.DefaultRequestHeaders.Add("X-Api-Key", issued.Secret);
        using var okHeader = await viaHeader.GetAsync(new Uri("api/me", UriKind.Relative), Token);
        var wrong = issued.Secret[..^4] + "0000";
        using var bad = await host.Client(wrong).GetAsync(new Uri("api/tenants/other", UriKind.Relative), Token);
        using var revoked = await admin.DeleteAsync(new Uri($"api/tenants/other/keys/{issued.Key.Id}", UriKind.Relative), Token);
        using var afterRevoke = await key.GetAsync(new Uri("api/tenants/other", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.Created, issuedResponse.StatusCode);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.NoContent, HttpStatusCode.Unauthorized),
            (ok.StatusCode, okHeader.StatusCode, bad.StatusCode, revoked.StatusCode, afterRevoke.StatusCode));
        var stored = await ScalarAsync(host, $"SELECT hash FROM api_keys WHERE id = {issued.Key.Id}");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(issued.Secret))), stored);
        Assert.NotEmpty(logs.Lines);
        foreach (var secret in new[] { issued.Secret, wrong, ServerHost.AdminKey, issued.Secret[11..], ServerHost.AdminKey[11..] })
        {
            Assert.DoesNotContain(logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
        }

        Assert.Contains(logs.Lines, line => line.Contains(issued.Key.Prefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_ChecksumsSizeAndRepeats_StoresOnlyGoodFilesOnce()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Server:MaxUploadBytes"] = "1000" });
        await host.Get<TenantCatalog>().SaveAsync(DemoServer.OtherDefinition(), Token);
        using var admin = host.Client(ServerHost.AdminKey);
        var content = "client_id,ts,url\nc1,2026-10-01T00:00:00Z,https://other.example.com/a\n"u8.ToArray();
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));

        var first = await PutAsync(admin, "day1/events.csv", content, sha);
        var again = await PutAsync(admin, "day1/events.csv", content, sha);
        var corrupted = await PutAsync(admin, "day2/events.csv", content, new string('0', 64));
        var badMd5 = await PutAsync(admin, "day3/events.csv", content, null, md5: Convert.ToBase64String(new byte[16]));
        var tooLarge = await PutAsync(admin, "day4/events.csv", new byte[1001], null);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        var result = first.Result!;
        Assert.Equal((NotificationResult.Enqueued, sha, "tenants/other/raw/day1/events.csv"), (result.Notification, result.Sha256, result.Key));
        Assert.NotNull(result.Run);
        Assert.Equal(HttpStatusCode.Created, again.Status);

        // The same bytes again are a new store version (a new ETag, so a new ingest job), and the ingestor's ledger
        // adds nothing for content it has seen: exactly once, as for files dropped into storage.
        await host.Get<Clickcast.Pipeline.PipelineRunner>().RunOnceAsync(Token);
        var firstRun = (await host.Get<Clickcast.Pipeline.Jobs.JobQueue>().GetAsync(result.Run!.Id, Token))!;
        var secondRun = (await host.Get<Clickcast.Pipeline.Jobs.JobQueue>().GetAsync(again.Result!.Run!.Id, Token))!;
        Assert.Equal(Clickcast.Pipeline.Jobs.JobStatus.Succeeded, firstRun.Status);
        Assert.True(firstRun.Id == secondRun.Id || secondRun.Result!.Contains("\"status\":\"Already", StringComparison.Ordinal), secondRun.Result);
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge), (corrupted.Status, badMd5.Status, tooLarge.Status));
        var store = host.Get<IObjectStore>();
        foreach (var day in new[] { "day2", "day3", "day4" })
        {
            Assert.Null(await store.GetInfoAsync($"tenants/other/raw/{day}/events.csv", Token));
        }

        // The listing sees the uploaded file as known: no second ingest job.
        Assert.Equal(0, await host.Get<ObjectSensor>().PollAsync("other", Token));
    }

    [Fact]
    public async Task NotifyS3_MinioAndYandexEvents_EnqueueEachVersionOnce()
    {
        await using var host = await ServerHost.StartAsync();
        await host.Get<TenantCatalog>().SaveAsync(DemoServer.OtherDefinition(), Token);
        await host.Get<IObjectStore>().PutBytesAsync("tenants/other/raw/a b.csv", "client_id,ts,url\n"u8.ToArray(), Token);
        await host.Get<IObjectStore>().PutBytesAsync("tenants/other/raw/y.csv", "client_id,ts,url\n"u8.ToArray(), Token);
        var key = (await host.Get<ApiKeyStore>().CreateAsync(ApiKeyScope.Tenant, "other", "minio", "test", Token)).Secret;
        using var client = host.Client(key);
        const string Minio = """{"EventName":"s3:ObjectCreated:Put","Key":"clickcast/tenants/other/raw/a b.csv","Records":[{"eventName":"s3:ObjectCreated:Put","s3":{"bucket":{"name":"clickcast"},"object":{"key":"tenants%2Fother%2Fraw%2Fa+b.csv","size":17}}}]}""";
        const string Yandex = """{"messages":[{"event_metadata":{"event_type":"yandex.cloud.events.storage.ObjectCreate"},"details":{"bucket_id":"clickcast","object_id":"tenants/other/raw/y.csv"}},{"event_metadata":{"event_type":"yandex.cloud.events.storage.ObjectDelete"},"details":{"bucket_id":"clickcast","object_id":"tenants/other/raw/gone.csv"}}]}""";

        var first = await NotifyAsync(client, Minio);
        var second = await NotifyAsync(client, Minio);
        var yandex = await NotifyAsync(client, Yandex);
        using var foreign = await client.PostAsync(new Uri("api/notifications/s3", UriKind.Relative), new StringContent(Minio.Replace("other", "shop", StringComparison.Ordinal), Encoding.UTF8, "application/json"), Token);

        Assert.Equal(["Enqueued"], first.Select(r => r.Result));
        Assert.Equal("tenants/other/raw/a b.csv", first[0].Key);
        Assert.Equal(["AlreadyKnown"], second.Select(r => r.Result));
        Assert.Equal(["Enqueued", "Ignored"], yandex.Select(r => r.Result));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(0, await host.Get<ObjectSensor>().PollAsync("other", Token));
    }

    [Fact]
    public async Task Api_OverTheRateLimit_IsTooManyRequests()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Server:RequestsPerWindow"] = "3", ["Server:RateLimitWindow"] = "01:00:00" });
        using var admin = host.Client(ServerHost.AdminKey);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await admin.GetAsync(new Uri("api/me", UriKind.Relative), Token);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task OperationalEndpoints_NoKey_AnswerHealthMetricsOpenApiAndDashboard()
    {
        await using var host = await ServerHost.StartAsync();
        using var anonymous = host.Client();

        var ready = await anonymous.GetStringAsync(new Uri("health/ready", UriKind.Relative), Token);
        var metrics = await anonymous.GetStringAsync(new Uri("metrics", UriKind.Relative), Token);
        var openApi = await anonymous.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative), Token);
        var dashboard = await anonymous.GetStringAsync(new Uri("dashboard/", UriKind.Relative), Token);
        using var api = await anonymous.GetAsync(new Uri("api/tenants", UriKind.Relative), Token);

        Assert.Equal("Healthy", ready);
        Assert.Contains("clickcast_jobs", metrics, StringComparison.Ordinal);
        Assert.Contains("/api/tenants/{tenant}/tasks/{task}/predictions/clients/{client}", openApi, StringComparison.Ordinal);
        Assert.Contains("charts.js", dashboard, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    private static async Task<(HttpStatusCode Status, UploadResult? Result)> PutAsync(HttpClient client, string name, byte[] content, string? sha, string? md5 = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/tenants/other/uploads/{name}") { Content = new ByteArrayContent(content) };
        if (sha is not null)
        {
            request.Headers.Add(UploadsApi.Sha256Header, sha);
        }

        if (md5 is not null)
        {
            request.Content.Headers.Add("Content-MD5", md5);
        }

        using var response = await client.SendAsync(request, Token);
        return (response.StatusCode, response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<UploadResult>(ClickcastJson.Options, Token) : null);
    }

    private static async Task<List<Clickcast.Server.Notifications.NotifiedObject>> NotifyAsync(HttpClient client, string json)
    {
        using var response = await client.PostAsync(new Uri("api/notifications/s3", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"), Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<Clickcast.Server.Notifications.NotifiedObject>>(ClickcastJson.Options, Token))!;
    }

    private static async Task<string> ScalarAsync(ServerHost host, string sql)
    {
        await using var connection = await host.Get<MetadataDatabase>().OpenConnectionAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync(Token))!;
    }
}
