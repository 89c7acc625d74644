using System.Text.Json;
using Clickcast.Export;
using Clickcast.Storage;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Export;

public sealed class ExportSecretsTests : IAsyncDisposable
{
    private const string Tenant = "acme";
    private const string TaskId = "buy-7d";
    private const string WebhookSecret = "whsec-SECRET-never-logged-4242";
    private const string JoinToken = "join-TOKEN-never-logged-4242";
    private readonly FakeCdp _cdp = FakeCdp.Start(webhookSecret: WebhookSecret, joinToken: JoinToken);
    private readonly ExportServices _services = new();

    public async ValueTask DisposeAsync()
    {
        await _cdp.DisposeAsync();
        _services.Dispose();
    }

    [Fact]
    public async Task ExportAsync_SuccessesRetriesAndFailures_LogNeitherSecretNorToken()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = await Predictions.WriteAsync(_services.Store, Tenant, TaskId, "run-1", Predictions.Make(Tenant, TaskId, 5));
        ExportDestinationOptions[] destinations =
        [
            new() { Name = "crm", Kind = ExportDestinationKind.Webhook, Webhook = { Url = _cdp.WebhookUrl, Secret = WebhookSecret } },
            new()
            {
                Name = "join",
                Kind = ExportDestinationKind.CleverDataJoin,
                Join = { BaseUrl = _cdp.BaseUrl, Adapter = "a", Instance = 1, Token = JoinToken, OnBehalfOf = _cdp.OnBehalfOf },
            },
            // Misconfigured: its validation message must not quote the secret either.
            new() { Name = "broken", Kind = ExportDestinationKind.Webhook, Webhook = { Url = "not a url", Secret = WebhookSecret } },
        ];
        _cdp.FailNext(2);
        // The Join destination meets an outage that outlasts its budget.
        _cdp.OnAccepted = request =>
        {
            if (request.Method == "PUT")
            {
                _cdp.GoDown();
            }
        };

        var report = await _services.Exporter.ExportAsync(Tenant, TaskId, key, destinations, ct);

        Assert.False(report.Succeeded);
        var logs = _services.Logs.AllText;
        Assert.Contains("System.Net.Http.HttpClient.Clickcast.Export.Webhook", logs, StringComparison.Ordinal);
        Assert.Contains("Polly", logs, StringComparison.Ordinal);
        Assert.Contains("Batch 0 (", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(WebhookSecret, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(JoinToken, logs, StringComparison.Ordinal);

        var reportJson = JsonSerializer.Serialize(report, ClickcastJson.Options);
        Assert.DoesNotContain(WebhookSecret, reportJson, StringComparison.Ordinal);
        Assert.DoesNotContain(JoinToken, reportJson, StringComparison.Ordinal);
        await foreach (var item in _services.Store.ListAsync(TenantLayout.TaskLedger(Tenant, TaskId), cancellationToken: ct))
        {
            var text = System.Text.Encoding.UTF8.GetString(await _services.Store.ReadAllBytesAsync(item.Key, ct));
            Assert.DoesNotContain(WebhookSecret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(JoinToken, text, StringComparison.Ordinal);
        }
    }
}
