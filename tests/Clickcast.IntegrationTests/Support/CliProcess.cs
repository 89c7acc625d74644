using System.Diagnostics;

namespace Clickcast.IntegrationTests.Support;

/// <summary>Runs the real <c>clickcast</c> command in a child process, with its own data folder and environment.</summary>
internal static class CliProcess
{
    private static readonly Lazy<string> Dll = new(Find);

    /// <summary>No environment variables beyond those every run gets.</summary>
    public static IReadOnlyDictionary<string, string> NoEnvironment { get; } = new Dictionary<string, string>();

    /// <summary>
    /// Writes <paramref name="definition"/> to <c>tenant.json</c> in the data folder and runs <c>tenants apply</c>, then
    /// <c>ingest --source</c> with <paramref name="source"/> and <c>sequences</c>; asserts that each succeeds.
    /// </summary>
    public static async Task ApplyIngestAndBuildSequencesAsync(string data, string definition, string tenant, string source)
    {
        var file = Path.Combine(data, "tenant.json");
        await File.WriteAllTextAsync(file, definition, TestContext.Current.CancellationToken);
        foreach (var args in new[] { new[] { "tenants", "apply", "--file", file }, ["ingest", "--tenant", tenant, "--source", source], ["sequences", "--tenant", tenant] })
        {
            var step = await RunAsync(data, NoEnvironment, args);
            Assert.True(step.ExitCode == 0, step.Output);
        }
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string data, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using var process = Start(data, environment, arguments);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Runs the command and keeps its standard output and standard error apart.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunSeparatedAsync(string data, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using var process = Start(data, environment, arguments);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Starts the command with its output and error redirected; the caller reads them and waits.</summary>
    public static Process Start(string data, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = data,
        };
        start.ArgumentList.Add(Dll.Value);
        start.ArgumentList.Add("--data");
        start.ArgumentList.Add(data);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["COLUMNS"] = "200";
        start.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>Sends SIGTERM, as a service manager or Kubernetes stops a process.</summary>
    public static void Terminate(Process process)
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    private static string Find()
    {
        // artifacts/bin/Clickcast.IntegrationTests/<config>/ -> artifacts/bin/Clickcast.Cli/<config>/Clickcast.Cli.dll
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var path = Path.Combine(here.Parent!.Parent!.FullName, "Clickcast.Cli", here.Name, "Clickcast.Cli.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("The clickcast command line was not built next to the tests.", path);
    }
}
