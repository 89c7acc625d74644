using System.Diagnostics;
using System.Globalization;

namespace Clickcast.Bench;

/// <summary>A process run to its end under GNU time (/usr/bin/time, which bench/run.sh installs).</summary>
public static class GnuTime
{
    /// <summary>Runs <paramref name="file"/> with <paramref name="arguments"/> (in <paramref name="folder"/> when given) and measures it.</summary>
    public static Measurement Run(string file, IEnumerable<string> arguments, string? folder = null)
    {
        var timing = Path.GetTempFileName();
        var start = new ProcessStartInfo("/usr/bin/time", ["-f", "%e %M %U %S", "-o", timing, file, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
            start.WorkingDirectory = folder;
        }

        start.Environment["COLUMNS"] = "200";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var parts = File.ReadAllText(timing).Trim().Split('\n')[^1].Split(' ');
        File.Delete(timing);
        double Number(int at) => double.Parse(parts[at], CultureInfo.InvariantCulture);
        return new Measurement(Number(0), long.Parse(parts[1], CultureInfo.InvariantCulture), process.ExitCode, output.Result + error.Result, Number(2) + Number(3));
    }
}
