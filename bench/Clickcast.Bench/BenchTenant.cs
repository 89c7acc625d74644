using System.Text.Json;
using Clickcast.Export;
using Clickcast.Generation;
using Clickcast.Ingestion.Urls;
using Clickcast.Labels;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Training;

namespace Clickcast.Bench;

/// <summary>The tenant the pipeline benchmarks run: "bench", with one task on the generator's target URL and a Files export.</summary>
public static class BenchTenant
{
    /// <summary>The tenant's id.</summary>
    public const string Id = "bench";

    /// <summary>
    /// URLs cut to their first path segment; one task, <c>checkout-7d</c>: visits <see cref="ClickstreamGenerator.TargetUrl"/>
    /// within 7 days, written to the Files export as <c>propensity_checkout_7d</c>.
    /// </summary>
    public static TenantDefinition Create(int shards = 1, ModelFamilyChoice family = ModelFamilyChoice.BestOf) => new()
    {
        Id = Id,
        Shards = shards,
        Ingest = new() { Urls = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 1 } },
        Tasks =
        [
            new TaskDefinition
            {
                Id = "checkout-7d",
                Attribute = "propensity_checkout_7d",
                Target = new TargetDefinition { UrlPattern = ClickstreamGenerator.TargetUrl },
                Labeling = new LabelingOptions { Horizon = TimeSpan.FromDays(7) },
                Model = new ModelSettings { Family = family },
                Exports = [new ExportDestinationOptions { Name = "files", Kind = ExportDestinationKind.Files }],
            },
        ],
    };

    /// <summary>Applies <paramref name="tenant"/> to the data folder with <c>clickcast tenants apply</c>; returns its (created) raw folder.</summary>
    public static string Apply(string data, TenantDefinition tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var file = Path.Combine(data, "tenant.json");
        File.WriteAllText(file, JsonSerializer.Serialize(tenant, ClickcastJson.Options));
        ClickcastProcess.Run(data, "--data", data, "tenants", "apply", "-f", file);
        return Directory.CreateDirectory(Path.Combine(data, "objects", "tenants", tenant.Id, "raw")).FullName;
    }
}
