using Clickcast.Sequences;

namespace Clickcast.Tests.Sequences;

public sealed class RangePlanTests
{
    private const int Budget = 1_250_000; // the default SequenceOptions.EventsPerRange

    [Theory]
    [InlineData(0L, 2, 1, false)] // nothing to build
    [InlineData(99_999L, 2, 1, false)] // small: one range, not worth splitting for the cores
    [InlineData(100_000L, 2, 2, false)] // enough to share: one range per building thread, still in memory
    [InlineData(625_000L, 2, 2, false)] // a shard of a 10 M-event tenant with 16 shards: no spill pass
    [InlineData(1_250_000L, 2, 2, false)] // exactly the budget: still in memory
    [InlineData(1_250_001L, 2, 8, true)] // past it: ranges of at most budget / 4 = 312,500 (5 needed, a power of two)
    [InlineData(2_500_000L, 2, 8, true)] // a shard of a 40 M-event tenant: ~312,500 a range, two at a time
    [InlineData(6_250_000L, 2, 32, true)] // a shard of a 100 M-event tenant: ~195,000 a range
    [InlineData(100_000_000L, 2, 512, true)] // an unsharded 100 M-event tenant
    [InlineData(625_000L, 3, 4, false)] // three threads: ranges are a power of two
    [InlineData(1_144_000L, 1, 1, false)] // one thread (a shard of `clickcast sequences` in one process): one range
    [InlineData(2_500_000L, 1, 4, true)] // one thread spilled: ranges of at most budget / 2
    public void For_SplitsByTheBudget(long events, int parallelism, int ranges, bool spilled) =>
        Assert.Equal(new RangePlan(ranges, spilled), RangePlan.For(events, Budget, parallelism));

    [Fact]
    public void For_ManyEventsOnATinyBudget_StopsAtTheHashBits() =>
        Assert.Equal(new RangePlan(RangePlan.MaxRanges, Spilled: true), RangePlan.For(1_000_000_000_000L, 10_000, 1));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void For_EveryTenantSize_HoldsAtMostTheBudgetAtOnce(int parallelism)
    {
        // Events held at once: all of them in memory, or the ranges built at the same time (hash ranges split
        // the events about evenly). The old rule (ranges of up to the budget each, two at a time) held up to twice it.
        for (var events = 0L; events <= 10_000_000_000L; events = (events * 5 / 4) + 1_000)
        {
            var plan = RangePlan.For(events, Budget, parallelism);
            var held = plan.Spilled ? (double)events / plan.Ranges * Math.Min(parallelism, plan.Ranges) : events;
            Assert.True(held <= Budget, $"{events} events with {parallelism} threads hold {held:N0} at once");
            Assert.True(!plan.Spilled || held > Budget / 4.0, $"{events} events with {parallelism} threads hold only {held:N0}: ranges smaller than needed");
        }
    }

    [Theory]
    [InlineData(-1L, 1, 1)]
    [InlineData(1L, 0, 1)]
    [InlineData(1L, 1, 0)]
    public void For_OutOfRange_Throws(long events, int budget, int parallelism) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RangePlan.For(events, budget, parallelism));
}
