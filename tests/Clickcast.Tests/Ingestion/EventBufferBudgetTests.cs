using Clickcast.Ingestion;

namespace Clickcast.Tests.Ingestion;

public sealed class EventBufferBudgetTests
{
    private static readonly EventBufferBudget Budget = new(Events: 1000, Chars: 10_000);

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(999, 9_999, false)]
    [InlineData(1000, 0, true)]
    [InlineData(0, 10_000, true)]
    [InlineData(1001, 10_001, true)]
    public void IsReached_AtEitherTheEventsOrTheCharacters(long events, long chars, bool expected) =>
        Assert.Equal(expected, Budget.IsReached(events, chars));

    [Fact]
    public void Default_BoundsTextToAFixedSize_WhateverTheEvents()
    {
        // 262,144 events of 8 KiB URLs were 4 GiB of text under the events cap alone; the character cap stops at 64 MiB.
        Assert.True(EventBufferBudget.Default.IsReached(1000, 33L * 1024 * 1024));
        Assert.True(EventBufferBudget.Default.Chars * sizeof(char) <= 64L * 1024 * 1024);
    }
}
