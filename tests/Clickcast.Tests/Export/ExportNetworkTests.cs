using System.Net;
using Clickcast.Export;
using Clickcast.Scoring;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Export;

/// <summary>Outbound export HTTP: the network policy at connect time, no redirects, tenant-visible errors without addresses.</summary>
public sealed class ExportNetworkTests : IDisposable
{
    private const string Tenant = "acme";
    private const string TaskId = "buy-7d";
    private readonly ExportServices _services = new();

    public void Dispose() => _services.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ExportDestinationOptions Webhook(string url) => new()
    {
        Name = "crm",
        Kind = ExportDestinationKind.Webhook,
        Webhook = { Url = url, Secret = "whsec-0123456789abcdef" },
    };

    private static async Task<ExportReport> ExportAsync(ExportServices services, ExportDestinationOptions destination)
    {
        var key = await Predictions.WriteAsync(services.Store, Tenant, TaskId, "run-1", Predictions.Make(Tenant, TaskId, 3));
        return await services.Exporter.ExportAsync(Tenant, TaskId, key, [destination], Ct);
    }

    /// <summary>The last error of the one destination as the delivery history (<c>GET /exports</c>, CLI, dashboard) shows it.</summary>
    private static async Task<string> HistoryErrorAsync(ExportServices services) =>
        Assert.Single(await new DeliveryHistory(services.Store).ListAsync(Tenant, TaskId, Ct)).LastError!;

    [Fact]
    public async Task ExportAsync_LoopbackListenerNotAllowListed_IsRefusedWithoutConnecting()
    {
        await using var listener = RawHttpListener.Answering(200);
        using var services = new ExportServices(o => o.Http.AllowedNetworks.Clear());

        var report = await ExportAsync(services, Webhook(listener.BaseUrl + "/hook"));

        Assert.False(report.Succeeded);
        Assert.Equal(0, listener.Connections);
        Assert.Equal(DeliveryFailure.RefusedByPolicy, report.Destinations[0].Pending[0].LastError);
        Assert.Equal(DeliveryFailure.RefusedByPolicy, await HistoryErrorAsync(services));
    }

    [Theory]
    [InlineData("http://localhost:9/hook")]
    [InlineData("http://[::1]:9/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/hook")]
    [InlineData("http://[::ffff:169.254.169.254]/")]
    public async Task ExportAsync_NonPublicDestinationNotAllowListed_IsRefusedByPolicy(string url)
    {
        // Refused before a socket exists: nothing here ever leaves the machine.
        using var services = new ExportServices(o => o.Http.AllowedNetworks.Clear());

        var report = await ExportAsync(services, Webhook(url));

        Assert.Equal(DeliveryFailure.RefusedByPolicy, report.Destinations[0].Pending[0].LastError);
        Assert.Contains(services.Logs.Entries, m => m.Contains("failed; the tenant sees only the failure's category", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("10.0.0.1")]
    [InlineData("::1")]
    [InlineData("localhost")]
    public async Task ConnectAsync_NonPublicAddress_ThrowsBeforeConnecting(string host)
    {
        var policy = new ExportNetworkPolicy([]);

        await Assert.ThrowsAsync<ExportNetworkPolicyException>(async () => await ExportHttpHandler.ConnectAsync(policy, new DnsEndPoint(host, 80), Ct));
    }

    [Fact]
    public async Task ExportAsync_RefusedByPolicy_IsNotRetriedWhereAClosedPortIs()
    {
        using var refused = new ExportServices(o => o.Http.AllowedNetworks.Clear());
        using var closed = new ExportServices();

        await ExportAsync(refused, Webhook("http://127.0.0.1:1/hook"));
        await ExportAsync(closed, Webhook("http://127.0.0.1:1/hook"));

        Assert.DoesNotContain(refused.Logs.Entries, e => e.Contains("'OnRetry'", StringComparison.Ordinal));
        Assert.Contains(closed.Logs.Entries, e => e.Contains("'OnRetry'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExportAsync_TemporaryRedirect_IsNotFollowed()
    {
        await using var target = RawHttpListener.Answering(200);
        await using var redirecting = RawHttpListener.Answering(307, $"Location: {target.BaseUrl}/stolen\r\n");

        var report = await ExportAsync(_services, Webhook(redirecting.BaseUrl + "/hook"));

        Assert.False(report.Succeeded);
        Assert.Single(redirecting.RequestLines);
        Assert.Equal(0, target.Connections);
        Assert.Equal("The webhook answered HTTP 307", report.Destinations[0].Pending[0].LastError);
    }

    [Fact]
    public async Task ExportAsync_ClosedPortAndDroppedConnection_ShowTheSameTextWithoutAddresses()
    {
        await using var dropping = RawHttpListener.Dropping();
        using var closed = new ExportServices();
        using var dropped = new ExportServices();

        await ExportAsync(closed, Webhook("http://127.0.0.1:1/hook"));
        await ExportAsync(dropped, Webhook(dropping.BaseUrl + "/hook"));

        var closedError = await HistoryErrorAsync(closed);
        var droppedError = await HistoryErrorAsync(dropped);
        Assert.Equal(DeliveryFailure.CouldNotConnect, closedError);
        Assert.Equal(closedError, droppedError);
        Assert.True(dropping.Connections > 0);
        Assert.DoesNotContain("127.0.0.1", closedError, StringComparison.Ordinal);
        Assert.DoesNotContain("refused", closedError, StringComparison.OrdinalIgnoreCase);
        // The operator still sees what happened.
        Assert.Contains(closed.Logs.Entries, m => m.Contains("Connection refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExportAsync_NotFound_SaysTheStatusOnly()
    {
        await using var listener = RawHttpListener.Answering(404);

        var report = await ExportAsync(_services, Webhook(listener.BaseUrl + "/hook"));

        Assert.Equal("The webhook answered HTTP 404", report.Destinations[0].Pending[0].LastError);
        Assert.Equal("The webhook answered HTTP 404", await HistoryErrorAsync(_services));
    }
}
