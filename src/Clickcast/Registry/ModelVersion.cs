namespace Clickcast.Registry;

/// <summary>One registered model version of a task.</summary>
public sealed record ModelVersion
{
    /// <summary>The tenant.</summary>
    public required string Tenant { get; init; }

    /// <summary>The task.</summary>
    public required string Task { get; init; }

    /// <summary>Version number, from 1, per task.</summary>
    public int Version { get; init; }

    /// <summary>Candidate, champion, retired or rejected.</summary>
    public ModelStatus Status { get; init; }

    /// <summary>The model family.</summary>
    public string? Family { get; init; }

    /// <summary>Object-store prefix of the immutable model folder.</summary>
    public required string FolderKey { get; init; }

    /// <summary>The training job (lineage).</summary>
    public long? JobId { get; init; }

    /// <summary>The version it was warm-started from.</summary>
    public int? WarmStartedFrom { get; init; }

    /// <summary>Validation AUC.</summary>
    public double? ValidationAuc { get; init; }

    /// <summary>Test AUC.</summary>
    public double? TestAuc { get; init; }

    /// <summary>The champion's AUC on the same test clients when this version was judged (null for the first model).</summary>
    public double? ChampionAucOnSameTest { get; init; }

    /// <summary>Sequence generation the data came from (lineage).</summary>
    public long? DataGeneration { get; init; }

    /// <summary>Events in the data at training time (retraining policy).</summary>
    public long? DataEvents { get; init; }

    /// <summary>Why it was promoted or rejected, in words.</summary>
    public string? Decision { get; init; }

    /// <summary>When it was registered.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
