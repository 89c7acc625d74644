using Clickcast.Metadata;
using Clickcast.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Clickcast.Server.Hosting;

/// <summary>
/// Ready when the metadata database answers a one-row query and the object store answers one existence check (of
/// <see cref="ProbeKey"/>, which need not exist). Bounded work whatever the store holds — never a listing — and the
/// answer is kept for <see cref="ServerOptions.ReadinessCacheDuration"/>, so anonymous callers cannot make it work harder.
/// </summary>
internal sealed class MetadataHealthCheck(MetadataDatabase database, IObjectStore store, TimeProvider time, IOptions<ServerOptions> options) : IHealthCheck, IDisposable
{
    /// <summary>The key the probe asks the store about.</summary>
    public const string ProbeKey = "health/ready-probe";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (HealthCheckResult Result, DateTimeOffset At)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }

        // One probe at a time: callers arriving meanwhile take its answer.
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh() is { } justProbed)
            {
                return justProbed;
            }

            var result = await ProbeAsync(cancellationToken).ConfigureAwait(false);
            _last = (result, time.GetUtcNow());
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private HealthCheckResult? Fresh() =>
        _last is { } last && time.GetUtcNow() - last.At < options.Value.ReadinessCacheDuration ? last.Result : null;

    private async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using (var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            await using (var command = connection.CreateCommand("SELECT 1"))
            {
                await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }

            await store.GetInfoAsync(ProbeKey, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("metadata database and object store answer");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("metadata database or object store unavailable: " + ex.Message);
        }
    }
}
