using Clickcast.Ingestion;
using Clickcast.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Clickcast.Cli;

/// <summary>
/// A tenant's definition as 'tenants apply' stored it: the default of every data-plane verb, as for the pipeline.
/// Flags and --config override parts of it, and the verb says which in one line.
/// </summary>
internal sealed record StoredDefinition(string Tenant, TenantDefinition? Definition, int Version)
{
    public static async Task<StoredDefinition> LoadAsync(IServiceProvider services, string tenant, CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<TenantCatalog>();
        var definition = await catalog.GetAsync(tenant, cancellationToken).ConfigureAwait(false);
        var versions = definition is null ? [] : await catalog.VersionsAsync(tenant, cancellationToken).ConfigureAwait(false);
        return new StoredDefinition(tenant, definition, versions.Count == 0 ? 0 : versions.Max(v => v.Version));
    }

    /// <summary>"using tenant T's stored definition v3; --config overrides ingest" (or that there is none).</summary>
    public string Describe(IReadOnlyList<string> overrides, string? part = null)
    {
        var basis = Definition is null
            ? $"tenant {Tenant} has no stored definition ('clickcast tenants apply' stores one): using defaults"
            : $"using tenant {Tenant}'s stored definition v{Version}" + (part is null ? string.Empty : $" ({part})");
        return overrides.Count == 0 ? basis : basis + "; " + string.Join(", ", overrides);
    }

    /// <summary>The ingest settings a verb uses: the "ingest" section of --config when it has one, else the stored ones, else the defaults.</summary>
    public IngestOptions IngestWith(DataPlaneSettings settings) => settings.HasIngest ? settings.Ingest : Definition?.Ingest ?? new IngestOptions();

    public void Say(IReadOnlyList<string> overrides, string? part = null) =>
        AnsiConsole.MarkupLineInterpolated($"[grey]{Describe(overrides, part)}[/]");
}
