using System.ComponentModel.DataAnnotations;
using Clickcast.Ingestion.Urls;

namespace Clickcast.Tenants;

/// <summary>A task's own URL level: tokens are cut further than the tenant's ingest keeps them (never finer).</summary>
public sealed class TaskUrlOptions
{
    /// <summary>The level the task models.</summary>
    public UrlLevel Level { get; set; } = UrlLevel.Path;

    /// <summary>Path segments kept at <see cref="UrlLevel.Path"/>.</summary>
    [Range(0, 32)]
    public int PathSegments { get; set; } = 1;
}
