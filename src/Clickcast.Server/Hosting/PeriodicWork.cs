namespace Clickcast.Server.Hosting;

/// <summary>
/// The loop of the server's background refreshers and purges: one round now, then one at every tick of an interval
/// until the host stops. A round that fails is reported and the next tick tries again, whatever it threw: a
/// timeout's cancellation (a stalled store or database) is a failure like any other, not the host's stop, so a
/// background read never ends the loop, let alone the host. Only the host's stop ends it; a round that fails for
/// another reason while the host stops is reported, not thrown into the stop.
/// </summary>
internal static class PeriodicWork
{
    /// <summary>Runs <paramref name="round"/> now and every <paramref name="interval"/> until <paramref name="stoppingToken"/> is cancelled.</summary>
    /// <param name="interval">Time between the starts of two rounds (a round that overruns skips the ticks it missed).</param>
    /// <param name="time">The clock the ticks follow.</param>
    /// <param name="round">One round of work.</param>
    /// <param name="failed">Reports a round that threw (logs it).</param>
    /// <param name="stoppingToken">The host's stop.</param>
    public static async Task RunAsync(TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> round, Action<Exception> failed, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(failed);
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                try
                {
                    await round(stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    // Reported even while the host stops: a round that fails for its own reason during shutdown is
                    // still a failure, and it must not escape into the host's stop.
                    failed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
