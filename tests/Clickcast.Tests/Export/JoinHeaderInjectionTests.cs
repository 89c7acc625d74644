using Clickcast.Export;
using Clickcast.Tenants;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Export;

/// <summary>Issue 11 H1: a tenant-set Join value with CR/LF must not split the request into a forged second one.</summary>
public sealed class JoinHeaderInjectionTests : IDisposable
{
    private const string Tenant = "acme";
    private const string TaskId = "buy-7d";
    private const string Smuggled = "cid-42\r\nContent-Length: 0\r\n\r\nDELETE /internal/admin/everything HTTP/1.1\r\nHost: admin.internal\r\nX-Padding: x";
    private readonly ExportServices _services = new();

    public void Dispose() => _services.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ExportDestinationOptions Join(string baseUrl, string onBehalfOf = "cid-42", string token = "join-token-0123456789") => new()
    {
        Name = "join",
        Kind = ExportDestinationKind.CleverDataJoin,
        Join = { BaseUrl = baseUrl, Adapter = "clickcast-scores", Instance = 77, Token = token, OnBehalfOf = onBehalfOf },
    };

    [Fact]
    public async Task ExportAsync_OnBehalfOfWithCrLf_SendsNoForgedRequest()
    {
        await using var listener = RawHttpListener.Answering(200);
        var key = await Predictions.WriteAsync(_services.Store, Tenant, TaskId, "run-1", Predictions.Make(Tenant, TaskId, 2));

        var report = await _services.Exporter.ExportAsync(Tenant, TaskId, key, [Join(listener.BaseUrl, Smuggled)], Ct);

        Assert.DoesNotContain(listener.RequestLines, line => line.StartsWith("DELETE", StringComparison.Ordinal));
        Assert.DoesNotContain("DELETE", listener.Received, StringComparison.Ordinal);
        Assert.False(report.Succeeded);
        Assert.Contains(report.Destinations[0].Errors, e => e.Contains("OnBehalfOf", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_OnBehalfOfWithCrLfPastValidation_ThrowsAndSendsNothing()
    {
        await using var listener = RawHttpListener.Answering(200);
        using var client = new HttpClient();
        var sender = new JoinSender(client, Join(listener.BaseUrl, Smuggled).Join, escapeFormulas: true);
        var scope = new ExportScope(Tenant, TaskId, "run-1", "join");
        var batch = new ExportBatch(scope, scope.BatchId(2, 0), 0, 1, 0, "a", Predictions.Make(Tenant, TaskId, 2));

        var failure = await Record.ExceptionAsync(() => sender.SendAsync(batch, Ct));

        Assert.DoesNotContain(listener.RequestLines, line => line.StartsWith("DELETE", StringComparison.Ordinal));
        Assert.Empty(listener.RequestLines);
        Assert.NotNull(failure);
    }

    [Fact]
    public async Task SendAsync_PlainOnBehalfOf_SendsOneRequestPerStep()
    {
        await using var listener = RawHttpListener.Answering(200);
        using var client = new HttpClient();
        var sender = new JoinSender(client, Join(listener.BaseUrl).Join, escapeFormulas: true);
        var scope = new ExportScope(Tenant, TaskId, "run-1", "join");
        var batch = new ExportBatch(scope, scope.BatchId(2, 0), 0, 1, 0, "a", Predictions.Make(Tenant, TaskId, 2));

        await sender.SendAsync(batch, Ct);

        Assert.Equal(2, listener.RequestLines.Count);
        Assert.Contains("x-dmpkit-onbehalf-of: cid-42\r\n", listener.Received, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cid-42\r\nX-Forged: 1", "exports[0].join.onBehalfOf")]
    [InlineData("cid-42\nX-Forged: 1", "exports[0].join.onBehalfOf")]
    [InlineData("cid\u000042", "exports[0].join.onBehalfOf")]
    [InlineData("cid-42\t", "exports[0].join.onBehalfOf")]
    public void Validate_ControlCharacterInOnBehalfOf_NamesTheField(string onBehalfOf, string path)
    {
        var task = new TaskDefinition { Id = TaskId, Target = { EventType = "purchase" }, Exports = [Join("https://cdp.example.com/api", onBehalfOf)] };

        var problems = DefinitionValidator.Validate(task);

        Assert.Contains(problems, p => p.StartsWith(path + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ControlCharacterInToken_NamesTheField()
    {
        var task = new TaskDefinition { Id = TaskId, Target = { EventType = "purchase" }, Exports = [Join("https://cdp.example.com/api", token: "tok\r\nX-Forged: 1")] };

        var problems = DefinitionValidator.Validate(task);

        Assert.Contains(problems, p => p.StartsWith("exports[0].join.token:", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("X-Forged", StringComparison.Ordinal));
    }
}
