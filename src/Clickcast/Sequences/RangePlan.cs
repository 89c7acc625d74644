namespace Clickcast.Sequences;

/// <summary>
/// How one build splits its events into client-hash ranges so that it never holds more than its memory budget:
/// all of them in memory at once when they fit the budget, else spilled to disk by range and built a few ranges at a
/// time. A pure function of the event count (from the files' footers), <see cref="SequenceOptions.EventsPerRange"/>
/// and the build's parallelism, so a shard of a 10 M-event tenant and one of a 100 M-event tenant hold alike.
/// </summary>
/// <param name="Ranges">Client-hash ranges (a power of two: a range is the top bits of the hash), one segment each.</param>
/// <param name="Spilled">Whether the events are routed to per-range spill files first (else held in memory together).</param>
internal readonly record struct RangePlan(int Ranges, bool Spilled)
{
    /// <summary>Below this many events an in-memory build is one range: splitting it for the cores costs more than it saves.</summary>
    public const long ParallelFrom = 100_000;

    /// <summary>The most ranges a build is split into (the hash's top 16 bits).</summary>
    public const int MaxRanges = 1 << 16;

    /// <summary>
    /// The plan for <paramref name="events"/> events under a budget of <paramref name="budget"/> events held at once,
    /// built <paramref name="parallelism"/> ranges at a time.
    /// </summary>
    /// <remarks>
    /// Fits the budget: one range, or one per building thread once there is enough work to share — no spill pass,
    /// which is most of what the build saves over the spilled path. Does not fit: ranges of at most
    /// budget / (2 × parallelism) events, so the ranges built at once hold at most half the budget (between a quarter
    /// and a half, the count being a power of two). Once spilled, a range's size no longer saves work, so smaller
    /// ranges cost little, and a tenant growing past the budget peaks no higher than one that just fits it.
    /// </remarks>
    public static RangePlan For(long events, int budget, int parallelism)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budget);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parallelism);
        if (events <= budget)
        {
            var split = events >= ParallelFrom && parallelism > 1 ? (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)parallelism) : 1;
            return new RangePlan(split, Spilled: false);
        }

        var perRange = Math.Max(1L, budget / (2L * parallelism));
        var needed = (events + perRange - 1) / perRange;
        return new RangePlan((int)Math.Min(MaxRanges, System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)needed)), Spilled: true);
    }
}
