namespace Clickcast.Training.Baselines;

/// <summary>
/// How a chain becomes aggregate features beside the bag of tokens: per event type count, share and recency
/// (types from a small vocabulary built on train; anything else is "other"), tenure, activity by hour of day and
/// day of week, and hashed token × type pairs. Saved with the model so scoring computes the same columns.
/// </summary>
public sealed record AggregateLayout
{
    /// <summary>Most event types kept by name; the rest count as "other".</summary>
    public const int MaxEventTypes = 32;

    /// <summary>Hashed token × type buckets of a new layout.</summary>
    public const int DefaultPairBuckets = 4096;

    /// <summary>The type named by every type outside <see cref="EventTypes"/>.</summary>
    public const string OtherType = "(other)";

    /// <summary>Event types by name, most frequent in training first (at most <see cref="MaxEventTypes"/>).</summary>
    public required IReadOnlyList<string> EventTypes { get; init; }

    /// <summary>Buckets of the hashed token × type pairs (0 = none).</summary>
    public int PairBuckets { get; init; } = DefaultPairBuckets;

    /// <summary>Types in the columns: the named ones plus "other".</summary>
    public int TypeCount => EventTypes.Count + 1;

    /// <summary>Names of the aggregate columns, in order.</summary>
    public IReadOnlyList<string> Names =>
    [
        .. EventTypes.Append(OtherType).SelectMany(t => new[] { $"log_count[{t}]", $"share[{t}]", $"log_hours_since[{t}]" }),
        "log_tenure_hours",
        .. Enumerable.Range(0, HourBuckets).Select(b => $"share_hour_{b * 24 / HourBuckets:00}"),
        .. Enumerable.Range(0, 7).Select(d => $"share_{(DayOfWeek)d}"),
    ];

    internal const int HourBuckets = 6;

    /// <summary>A layout whose types are the most frequent of <paramref name="typeCounts"/> (ties by name).</summary>
    public static AggregateLayout Build(IReadOnlyDictionary<string, long> typeCounts, int pairBuckets = DefaultPairBuckets)
    {
        ArgumentNullException.ThrowIfNull(typeCounts);
        ArgumentOutOfRangeException.ThrowIfNegative(pairBuckets);
        var types = typeCounts
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(MaxEventTypes)
            .Select(kv => kv.Key)
            .ToArray();
        return new AggregateLayout { EventTypes = types, PairBuckets = pairBuckets };
    }

    /// <summary>The column block of <paramref name="type"/>: its index in <see cref="EventTypes"/>, or the "other" index.</summary>
    public int TypeIndex(string? type)
    {
        for (var i = 0; i < EventTypes.Count; i++)
        {
            if (string.Equals(EventTypes[i], type, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return EventTypes.Count;
    }
}
