using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Clickcast.Bench;

/// <summary>
/// The command line as operators run it: <c>dotnet publish -r RID</c>, which the Docker image and deploy/'s systemd units
/// use and which precompiles the start-up's assemblies ReadyToRun (Clickcast.Cli.csproj, docs/decisions/0004). The
/// plain build output (<see cref="Repository.Cli"/>) JIT-compiles every method at its first call instead, which cost a
/// 20 M ingest about a second of wall time.
/// </summary>
public static class PublishedCli
{
    /// <summary>
    /// The published Clickcast.Cli.dll under <paramref name="work"/>/cli, published from this checkout now (framework-
    /// dependent, for this machine's runtime identifier); with <c>--build-output</c> in <paramref name="args"/>, the
    /// plain Release build instead.
    /// </summary>
    public static string Resolve(string work, string[] args)
    {
        if (args.Contains("--build-output"))
        {
            return Repository.Cli;
        }

        var output = Path.Combine(work, "cli");
        var rid = RuntimeInformation.RuntimeIdentifier;
        var start = new ProcessStartInfo("dotnet",
            ["publish", Path.Combine(Repository.Root, "src", "Clickcast.Cli"), "-c", "Release", "-r", rid, "--self-contained", "false", "-o", output, "-v", "quiet", "-nologo"]);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish src/Clickcast.Cli -r {rid} failed ({process.ExitCode})");
        }

        return Path.Combine(output, "Clickcast.Cli.dll");
    }
}
