using System.ComponentModel.DataAnnotations;
using Clickcast.Export;
using Clickcast.Ingestion.Urls;
using Clickcast.Labels;
using Clickcast.Registry;
using Clickcast.Scoring;
using Clickcast.Training;

namespace Clickcast.Tenants;

/// <summary>
/// One predictive attribute of a tenant: what to predict, from which windows, with which model, how often to
/// retrain and score, and where the scores go.
/// </summary>
public sealed class TaskDefinition
{
    /// <summary>Task id, unique within the tenant (a-z, 0-9, '-', '_').</summary>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9_-]{0,63}$")]
    public string Id { get; set; } = string.Empty;

    /// <summary>The CDP attribute the scores are written to.</summary>
    [Required]
    public string Attribute { get; set; } = string.Empty;

    /// <summary>What the task is for, in words.</summary>
    public string? Description { get; set; }

    /// <summary>The target action.</summary>
    [Required]
    public TargetDefinition Target { get; set; } = new();

    /// <summary>Observation and outcome windows, splits, sufficiency.</summary>
    public LabelingOptions Labeling { get; set; } = new();

    /// <summary>A coarser URL level for this task; null models the tenant's tokens as they are.</summary>
    public TaskUrlOptions? Urls { get; set; }

    /// <summary>Model family, hyper-parameters, calibration, threshold.</summary>
    public ModelSettings Model { get; set; } = new();

    /// <summary>Retraining and promotion.</summary>
    public RetrainingPolicy Retraining { get; set; } = new();

    /// <summary>Scoring schedule and buckets.</summary>
    public ScoringOptions Scoring { get; set; } = new();

    /// <summary>Where the scores go after each scoring run.</summary>
    public IList<ExportDestinationOptions> Exports { get; set; } = [];

    /// <summary>The task's own URL cut, or null when its models see the tenant's tokens as they are.</summary>
    public UrlTokenCutter? TokenCutter() => Urls is { } urls ? new UrlTokenCutter(urls.Level, urls.PathSegments) : null;

    /// <summary>What scoring needs of this task.</summary>
    public ScoringRequest ScoringRequest(string tenant) => new(tenant, Id, Target, Labeling, Scoring, TokenCutter());
}
