namespace Clickcast.Labels;

/// <summary>What a labelled dataset holds: the windows used and class counts per split.</summary>
public sealed record DatasetSummary
{
    /// <summary>Time or position windows.</summary>
    public LabelingMode Mode { get; init; }

    /// <summary>The observation cutoff T used (time mode).</summary>
    public DateTimeOffset? Cutoff { get; init; }

    /// <summary>The outcome window (time mode).</summary>
    public TimeSpan? Horizon { get; init; }

    /// <summary>Events observed per client (position mode).</summary>
    public int? ObservedEvents { get; init; }

    /// <summary>The target, in words.</summary>
    public string Target { get; init; } = string.Empty;

    /// <summary>Clients read.</summary>
    public long ClientsSeen { get; init; }

    /// <summary>Clients left out for having no event before the cutoff.</summary>
    public long NoHistory { get; init; }

    /// <summary>Clients left out for having done the target before the cutoff.</summary>
    public long PriorConverters { get; init; }

    /// <summary>Examples per split.</summary>
    public IReadOnlyDictionary<DatasetSplit, long> Examples { get; init; } = new Dictionary<DatasetSplit, long>();

    /// <summary>Positives per split.</summary>
    public IReadOnlyDictionary<DatasetSplit, long> Positives { get; init; } = new Dictionary<DatasetSplit, long>();

    /// <summary>All examples.</summary>
    public long TotalExamples => Examples.Values.Sum();

    /// <summary>All positives.</summary>
    public long TotalPositives => Positives.Values.Sum();

    /// <summary>Share of positives.</summary>
    public double PositiveRate => TotalExamples == 0 ? 0 : (double)TotalPositives / TotalExamples;
}
