using System.Diagnostics;

namespace Clickcast.Bench;

/// <summary>The built command line (<see cref="Repository.Cli"/>) as the benchmarks run it.</summary>
public static class ClickcastProcess
{
    /// <summary>Runs <c>clickcast ARGUMENTS</c> in <paramref name="folder"/> to its end: its wall time and standard output; throws if it fails.</summary>
    public static (double Seconds, string Output) Run(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        start.ArgumentList.Add(Repository.Cli);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["COLUMNS"] = "160";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"clickcast {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{output.Result}{error.Result}");
        }

        return (seconds, output.Result);
    }

    /// <summary>
    /// A worker's polling for a benchmark, so that a run measures the pipeline rather than its waits: the sensor lists
    /// the raw prefix every second, the queue is polled every 0.2 s, and a sequence update follows each ingest at once.
    /// </summary>
    public static void PollFast(ProcessStartInfo worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        worker.Environment["CLICKCAST_Sensor__PollInterval"] = "00:00:01";
        worker.Environment["CLICKCAST_Pipeline__SequencesDebounce"] = "00:00:00";
        worker.Environment["CLICKCAST_Jobs__PollInterval"] = "00:00:00.200";
    }
}
