using System.Text.Json;
using Clickcast.Pipeline;
using Clickcast.Pipeline.Jobs;
using Clickcast.Registry;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Pipeline;

/// <summary>A train job hands the heap its sample and features took back as it ends, whatever the worker's rule.</summary>
public sealed class TrainJobHandlerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_ATraining_ReleasesTheHeapOnceAsItEnds()
    {
        await using var host = new PipelineHost();
        await host.Get<TenantCatalog>().SaveAsync(PipelineHost.Definition(), Token);
        await host.DropAllButLastDayAsync();
        await host.Get<PipelineRunner>().RunOnceAsync(Token);
        var trained = (await host.Get<JobQueue>().ListAsync(new JobQuery { Tenant = PipelineHost.Tenant, Kind = JobKind.Train, Limit = 10 }, Token)).Single();
        var releases = 0;
        var handler = new TrainJobHandler(host.Get<TaskTrainer>(), host.Get<TenantCatalog>(), host.Get<SequenceStore>(), host.Get<ModelRegistry>(), host.Get<PipelineSteps>())
        {
            Release = () =>
            {
                releases++;
                return (0, 0);
            },
        };

        await handler.RunAsync(trained with { Payload = JsonSerializer.Serialize(new TrainPayload(TrainTrigger.Manual), ClickcastJson.Options) }, Token);

        Assert.Equal(1, releases);
    }
}
