using Clickcast.Pipeline;
using Microsoft.Extensions.Hosting;

namespace Clickcast.Server.Hosting;

/// <summary>The pipeline inside the server: senses files and schedules and works the job queue until the server stops.</summary>
internal sealed class PipelineWorker(PipelineRunner runner) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Yield first: the host's start must not wait for the first listing.
        await Task.Yield();
        try
        {
            await runner.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
