using Clickcast.Server.Hosting;
using Clickcast.Tenants.Keys;
using Microsoft.Extensions.Logging;

namespace Clickcast.Server.Security;

/// <summary>The first admin key: the configured one, or one generated at the first start for the host to print once.</summary>
internal static class AdminKeys
{
    /// <returns>The secret of a key generated now (print it once), or null.</returns>
    public static async Task<string?> EnsureAsync(ApiKeyStore keys, ServerOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var configured = !string.IsNullOrEmpty(options.AdminKey) ? options.AdminKey : Environment.GetEnvironmentVariable("CLICKCAST_ADMIN_KEY");
        if (!string.IsNullOrEmpty(configured))
        {
            var key = await keys.ImportAsync(configured, ApiKeyScope.Admin, null, "admin key from configuration", "config", cancellationToken).ConfigureAwait(false);
            Log.ConfiguredAdminKey(logger, key.Prefix);
            return null;
        }

        if (await keys.AnyActiveAdminAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var issued = await keys.CreateAsync(ApiKeyScope.Admin, null, "first admin key", "first-start", cancellationToken).ConfigureAwait(false);
        Log.GeneratedAdminKey(logger, issued.Key.Prefix);
        return issued.Secret;
    }
}
