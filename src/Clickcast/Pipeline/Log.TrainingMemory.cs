using Microsoft.Extensions.Logging;

namespace Clickcast.Pipeline;

/// <summary>What the pipeline tells an operator about training's memory.</summary>
internal static partial class Log
{
    [LoggerMessage(7410, LogLevel.Information, "{Tenant}/{Task}: model.trainingMemoryMiB {MemoryMiB} holds {Clients} clients at {BytesPerClient:F0} bytes each (chains, features, judging; mean {EventsPerClient:F1} stored events each) after {FixedMiB:F0} MiB held once (the GRU's weights and batches): training reads {Clients} of {Available}")]
    public static partial void SampleLowered(ILogger logger, string tenant, string task, int memoryMiB, int clients, double bytesPerClient, double eventsPerClient, double fixedMiB, long available);

    [LoggerMessage(7411, LogLevel.Debug, "{Tenant}/{Task}: the sample is read ({Examples} examples); memory released from {BeforeBytes} to {AfterBytes} committed bytes before training")]
    public static partial void SampleRead(ILogger logger, string tenant, string task, int examples, long beforeBytes, long afterBytes);
}
