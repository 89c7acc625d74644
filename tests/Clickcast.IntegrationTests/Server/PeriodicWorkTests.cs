using Clickcast.Server.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.IntegrationTests.Server;

/// <summary>The loop of the server's background refreshers: a failed round, a timeout included, is reported and the next tick runs.</summary>
public sealed class PeriodicWorkTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task RunAsync_RoundThatTimesOut_IsReportedAndTheNextTickRunsAgain()
    {
        var time = new FakeTimeProvider();
        var rounds = new SemaphoreSlim(0);
        var failures = new List<Exception>();
        var count = 0;
        using var stop = new CancellationTokenSource();
        var loop = PeriodicWork.RunAsync(
            Interval,
            time,
            _ =>
            {
                var round = ++count;
                rounds.Release();
                // The first round's read gives up as a store client's timeout does: a cancellation that is not the stop.
                return round == 1 ? Task.FromCanceled(new CancellationToken(canceled: true)) : Task.CompletedTask;
            },
            failures.Add,
            stop.Token);

        await rounds.WaitAsync(TestContext.Current.CancellationToken);
        time.Advance(Interval);
        await rounds.WaitAsync(TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await loop;

        Assert.Equal(2, count);
        Assert.IsType<TaskCanceledException>(Assert.Single(failures));
    }

    [Fact]
    public async Task RunAsync_Stopped_EndsWithoutAFailure()
    {
        var failures = new List<Exception>();
        using var stop = new CancellationTokenSource();
        var loop = PeriodicWork.RunAsync(Interval, new FakeTimeProvider(), ct => Task.Delay(Timeout.InfiniteTimeSpan, ct), failures.Add, stop.Token);

        await stop.CancelAsync();
        await loop;

        Assert.Empty(failures);
        Assert.True(loop.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task RunAsync_RoundFailingForItsOwnReasonWhileTheHostStops_IsReportedNotThrown()
    {
        var failures = new List<Exception>();
        using var stop = new CancellationTokenSource();
        var loop = PeriodicWork.RunAsync(
            Interval,
            new FakeTimeProvider(),
            async _ =>
            {
                await stop.CancelAsync();
                throw new InvalidOperationException("the store went away");
            },
            failures.Add,
            stop.Token);

        await loop;

        Assert.True(loop.IsCompletedSuccessfully);
        Assert.IsType<InvalidOperationException>(Assert.Single(failures));
    }
}
