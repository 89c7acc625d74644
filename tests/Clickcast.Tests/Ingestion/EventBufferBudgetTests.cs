using Clickcast.Ingestion;

namespace Clickcast.Tests.Ingestion;

public sealed class EventBufferBudgetTests
{
    private static readonly EventBufferBudget Budget = new(Events: 1000, Chars: 10_000);

    [Theory]
    [InlineData(0, 0, 0, false)]
    [InlineData(1000, 10_000, 2000, false)]
    [InlineData(1001, 0, 0, true)]
    [InlineData(0, 10_001, 0, true)]
    [InlineData(0, 0, 2001, true)]
    [InlineData(500, 9_000, 1500, false)]
    public void IsExceeded_OverAnyOfEventsCharsOrTwiceTheEventsInCapacity(long events, long chars, long capacity, bool expected) =>
        Assert.Equal(expected, Budget.IsExceeded(events, chars, capacity));

    [Theory]
    [InlineData(0, 0, 0, false)]
    [InlineData(500, 5_000, 1000, false)]
    [InlineData(501, 0, 0, true)]
    [InlineData(0, 5_001, 0, true)]
    [InlineData(0, 0, 1001, true)]
    public void NeedsRelief_UntilBackUnderHalfTheBudgetAndCapacityUnderTheEvents(long events, long chars, long capacity, bool expected) =>
        Assert.Equal(expected, Budget.NeedsRelief(events, chars, capacity));

    [Fact]
    public void Default_BoundsTextToAFixedSize_WhateverTheEvents()
    {
        // 262,144 events of 8 KiB URLs were 4 GiB of text under the events cap alone; the character cap stops at 64 MiB.
        Assert.True(EventBufferBudget.Default.IsExceeded(1000, 33L * 1024 * 1024, 1000));
        Assert.True(EventBufferBudget.Default.Chars * sizeof(char) <= 64L * 1024 * 1024);
    }
}
