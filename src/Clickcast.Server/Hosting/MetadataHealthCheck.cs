using Clickcast.Metadata;
using Clickcast.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Clickcast.Server.Hosting;

/// <summary>Ready when the metadata database answers and the object store lists.</summary>
internal sealed class MetadataHealthCheck(MetadataDatabase database, IObjectStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using (var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            await using (var command = connection.CreateCommand("SELECT COUNT(*) FROM schema_version"))
            {
                await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }

            await foreach (var _ in store.ListAsync(TenantLayout.TenantsRoot + "/", cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                break;
            }

            return HealthCheckResult.Healthy("metadata database and object store answer");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("metadata database or object store unavailable: " + ex.Message);
        }
    }
}
