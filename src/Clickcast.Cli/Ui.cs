using System.Globalization;
using Spectre.Console;

namespace Clickcast.Cli;

/// <summary>Progress bars and number formatting shared by the verbs.</summary>
internal static class Ui
{
    /// <summary>Runs <paramref name="work"/> under a progress bar that the work advances through the given callback.</summary>
    public static async Task<T> WithProgressAsync<T>(string title, Func<Action<double, double, string?>, Task<T>> work)
    {
        // Redirected output (CI, pipes) gets the final summary only, not a line per progress update.
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await work(static (_, _, _) => { }).ConfigureAwait(false);
        }

        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(title, maxValue: 1);
                result = await work((done, total, stage) =>
                {
                    task.MaxValue = Math.Max(total, 1);
                    task.Value = Math.Min(done, task.MaxValue);
                    if (stage is not null)
                    {
                        task.Description = $"{title}: {stage}";
                    }
                }).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return result;
    }

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan value) => value.TotalSeconds < 1
        ? value.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms"
        : value.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    public static string Rate(long items, TimeSpan elapsed) =>
        elapsed <= TimeSpan.Zero ? "-" : (items / elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture) + "/s";

    public static string Time(long micros) =>
        DateTimeOffset.FromUnixTimeMilliseconds(micros / 1000).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
