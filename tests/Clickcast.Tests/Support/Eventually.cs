namespace Clickcast.Tests.Support;

/// <summary>
/// Waits for another task's effect (a background worker writing to the database), checking often. It never waits
/// for time to pass: tests move time with a FakeTimeProvider. The cap only turns a hang into a failure.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(Cap.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (!await condition())
        {
            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                Assert.Fail($"Gave up waiting after {Cap}: {what}");
            }

            await Task.Delay(5);
        }
    }
}
