using System.Runtime.CompilerServices;
using Clickcast.Export;
using Clickcast.IntegrationTests.Support;
using Clickcast.Server.Telemetry;
using Clickcast.Storage;
using Clickcast.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Clickcast.IntegrationTests.Server;

/// <summary>The per-task gauges: a task that cannot be read keeps no gauges, the others are unaffected.</summary>
public sealed class TaskGaugesRefresherTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadAsync_OneTasksReadTimesOut_TheOtherTasksStillHaveGauges()
    {
        await using var host = await ServerHost.StartAsync(
            new Dictionary<string, string?> { ["Server:MetricsTenantLabels"] = "true" },
            services => services.AddSingleton(sp => new DeliveryHistory(new TimingOutStore(sp.GetRequiredService<IObjectStore>(), TenantLayout.TaskLedger(DemoServer.Other, "slow")))));
        var definition = DemoServer.OtherDefinition();
        var slow = DemoServer.OtherDefinition().Tasks[0];
        (slow.Id, slow.Attribute) = ("slow", "slow_churn_risk");
        definition.Tasks.Add(slow);
        await host.Get<TenantCatalog>().SaveAsync(definition, Token);
        var refresher = host.Services.GetServices<IHostedService>().OfType<TaskGaugesRefresher>().Single();

        var gauges = await refresher.ReadAsync(Token);

        Assert.Equal(["churn"], gauges.Select(g => g.Task));
    }

    /// <summary>Listing under one prefix gives up as a store client's timeout does (a cancellation that is not the caller's).</summary>
    private sealed class TimingOutStore(IObjectStore inner, string prefix) : IObjectStore
    {
        public async IAsyncEnumerable<StoredObject> ListAsync(string listed, string? startAfter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (listed.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new TaskCanceledException("the request timed out");
            }

            await foreach (var item in inner.ListAsync(listed, startAfter, cancellationToken))
            {
                yield return item;
            }
        }

        public Task<StoredObject?> GetInfoAsync(string key, CancellationToken cancellationToken = default) => inner.GetInfoAsync(key, cancellationToken);

        public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) => inner.OpenReadAsync(key, cancellationToken);

        public Task<StoredObject> PutAsync(string key, Stream content, CancellationToken cancellationToken = default) => inner.PutAsync(key, content, cancellationToken);

        public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);
    }
}
