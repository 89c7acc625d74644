using Clickcast.Pipeline.Jobs;

namespace Clickcast.Tests.Pipeline.Jobs;

public sealed class RetryPolicyTests
{
    [Fact]
    public void Default_IsFiveAttemptsTwentySecondsApart()
    {
        Assert.Equal(5, RetryPolicy.Default.MaxAttempts);
        Assert.All(Enumerable.Range(1, 4), attempt => Assert.Equal(TimeSpan.FromSeconds(20), RetryPolicy.Default.DelayAfter(attempt)));
        Assert.True(RetryPolicy.Default.AllowsAnotherAttempt(4));
        Assert.False(RetryPolicy.Default.AllowsAnotherAttempt(5));
    }

    [Fact]
    public void DelayAfter_Exponential_MultipliesUpToTheMaximum()
    {
        var policy = RetryPolicy.Exponential(10, TimeSpan.FromSeconds(5), 3.0, TimeSpan.FromMinutes(1));

        Assert.Equal([5, 15, 45, 60, 60], Enumerable.Range(1, 5).Select(a => policy.DelayAfter(a).TotalSeconds));
    }

    [Fact]
    public void DelayAfter_ManyAttempts_DoesNotOverflow()
    {
        var policy = RetryPolicy.Exponential(100, TimeSpan.FromSeconds(1), 10.0, TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.FromHours(1), policy.DelayAfter(99));
    }

    [Fact]
    public void Constructor_InvalidValues_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryPolicy.Fixed(0, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryPolicy.Fixed(1, TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryPolicy.Exponential(3, TimeSpan.FromSeconds(1), 0.5, TimeSpan.FromSeconds(10)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryPolicy.Exponential(3, TimeSpan.FromSeconds(10), 2.0, TimeSpan.FromSeconds(1)));
    }
}
