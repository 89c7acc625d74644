using System.Security.Cryptography;
using Clickcast.Export;
using Clickcast.Server.Hosting;
using Clickcast.Server.Tenants;
using Clickcast.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Clickcast.Server.Exports;

/// <summary>
/// Rotates a webhook destination's signing secret: 256 random bits, saved in a new version of the tenant definition
/// (encrypted like every secret) only if nobody saved another in between, and shown once. A CDP Join token is issued
/// by the CDP, not here: it changes with <c>PUT …/tasks/{task}</c>.
/// </summary>
internal static class SecretRotation
{
    /// <summary>Every generated secret starts with this, so a leaked one is recognisable.</summary>
    public const string SecretStart = "whsec_";

    public static async Task<Results<Ok<RotatedSecret>, ProblemHttpResult>> RotateAsync(string tenant, string task, string destination, TenantCatalog catalog, CancellationToken cancellationToken)
    {
        if (await catalog.GetVersionedAsync(tenant, cancellationToken).ConfigureAwait(false) is not var (definition, version)
            || definition.Tasks.FirstOrDefault(t => t.Id == task) is not { } taskDefinition)
        {
            return TasksApi.NoTask(tenant, task);
        }

        if (taskDefinition.Exports.FirstOrDefault(d => d.Name == destination) is not { } target)
        {
            return Problems.NotFound($"{tenant}/{task} has no export destination '{destination}'.");
        }

        if (target.Kind != ExportDestinationKind.Webhook)
        {
            return Problems.Conflict($"'{destination}' is a {target.Kind} destination: only webhook signing secrets are generated here. A CDP Join token is issued by the CDP: send the new one with PUT /api/tenants/{tenant}/tasks/{task}.");
        }

        var secret = SecretStart + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        target.Webhook.Secret = secret;
        var saved = await catalog.SaveIfVersionAsync(definition, version, cancellationToken).ConfigureAwait(false);
        return saved is { } newVersion
            ? TypedResults.Ok(new RotatedSecret(destination, secret, newVersion))
            : Problems.Conflict($"The definition of {tenant} changed while the secret was rotated (it was version {version}); nothing was saved: try again.");
    }
}
