using System.ComponentModel.DataAnnotations;
using Clickcast.Events;
using Clickcast.Ingestion.Sources;
using Clickcast.Ingestion.Urls;

namespace Clickcast.Ingestion;

/// <summary>How a tenant's raw files become normalized events.</summary>
public sealed class IngestOptions
{
    /// <summary>The file format; <see cref="SourceFormat.Auto"/> detects it per file.</summary>
    public SourceFormat Format { get; set; } = SourceFormat.Auto;

    /// <summary>Which fields hold client id, time and URL.</summary>
    public FieldMappingOptions Mapping { get; set; } = new();

    /// <summary>URL cleaning and cutting.</summary>
    public UrlNormalizationOptions Urls { get; set; } = new();

    /// <summary>Bot filtering by user agent.</summary>
    public BotFilterOptions Bots { get; set; } = new();

    /// <summary>Access-log specifics.</summary>
    public AccessLogOptions AccessLog { get; set; } = new();

    /// <summary>Size limits per row.</summary>
    public IngestLimits Limits { get; set; } = new();

    /// <summary>Time partitioning of the normalized events.</summary>
    public EventPeriod Period { get; set; } = EventPeriod.Day;

    /// <summary>What a bad row does to its file.</summary>
    public BadRowPolicy BadRows { get; set; } = BadRowPolicy.SkipRows;

    /// <summary>
    /// Share of bad rows above which a file is quarantined even under <see cref="BadRowPolicy.SkipRows"/>: a file
    /// that is mostly unreadable is more likely mis-mapped than noisy.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MaxBadRowShare { get; set; } = 0.5;

    /// <summary>
    /// What a file does whose exact bytes were ingested before under another key (a re-upload under a new name):
    /// skipped with a warning by default, so its events are not counted twice.
    /// </summary>
    public DuplicateContentPolicy DuplicateContent { get; set; } = DuplicateContentPolicy.Skip;

    /// <summary>Files ingested at the same time; defaults to the processor count.</summary>
    [Range(1, 256)]
    public int MaxParallelFiles { get; set; } = Environment.ProcessorCount;

    /// <summary>Event type given to events whose source has none.</summary>
    [Required]
    public string DefaultEventType { get; set; } = "page_view";
}
