using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Clickcast.IntegrationTests.Support;
using Clickcast.Tests.Support;

namespace Clickcast.IntegrationTests.Cli;

/// <summary>What the real process writes: UTC timestamps, JSON lines on request, and start-up failures as one clear line.</summary>
public sealed partial class ProcessLoggingTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public async Task Serve_PortInUse_OneClearLineAndExitCode1NoStackTrace()
    {
        using var folder = new TempFolder();
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;

        var (exitCode, output) = await CliProcess.RunAsync(folder.Path, NoEnvironment, "serve", "--no-demo", "--no-workers", "--urls", $"http://127.0.0.1:{port}");

        Assert.True(exitCode == 1, output);
        Assert.Contains($"error: cannot listen: Failed to bind to address http://127.0.0.1:{port}: address already in use.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotMatch(StackFrameLine(), output);
    }

    [Fact]
    public async Task Serve_PortInUse_StandardErrorHasExactlyOneLineAndTheHostLogsNoStackTrace()
    {
        using var folder = new TempFolder();
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;

        var (exitCode, output, error) = await CliProcess.RunSeparatedAsync(folder.Path, NoEnvironment, "serve", "--no-demo", "--no-workers", "--urls", $"http://127.0.0.1:{port}");

        Assert.True(exitCode == 1, output + error);
        var line = Assert.Single(Lines(error));
        Assert.StartsWith($"error: cannot listen: Failed to bind to address http://127.0.0.1:{port}: address already in use.", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting failed to start", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("IOException", output + error, StringComparison.Ordinal);
        Assert.DoesNotMatch(InlineStackFrame(), output + error);
    }

    [Fact]
    public async Task Serve_KeyRingPathIsAFile_StandardErrorHasExactlyOneLineAndExitCode2()
    {
        using var folder = new TempFolder();
        var notAFolder = folder.File("ring");
        await File.WriteAllTextAsync(notAFolder, "not a folder", TestContext.Current.CancellationToken);

        var (exitCode, output, error) = await CliProcess.RunSeparatedAsync(folder.Path, new Dictionary<string, string> { ["CLICKCAST_KeyRingPath"] = notAFolder }, "serve", "--no-demo", "--no-workers", "--urls", "http://127.0.0.1:0");

        Assert.True(exitCode == 2, output + error);
        var line = Assert.Single(Lines(error));
        Assert.StartsWith($"invalid settings: KeyRingPath: the key ring folder {notAFolder} cannot be created or written", line, StringComparison.Ordinal);
        Assert.DoesNotMatch(InlineStackFrame(), output + error);
    }

    [Fact]
    public async Task Serve_MalformedAdminKey_OneClearLineAndExitCode2()
    {
        using var folder = new TempFolder();

        var (exitCode, output) = await CliProcess.RunAsync(folder.Path, new Dictionary<string, string> { ["CLICKCAST_Server__AdminKey"] = "not-a-key" }, "serve", "--no-demo", "--urls", "http://127.0.0.1:0");

        Assert.True(exitCode == 2, output);
        Assert.Contains("invalid settings:", output, StringComparison.Ordinal);
        Assert.Contains("Server:AdminKey must start with 'ck_'", output, StringComparison.Ordinal);
        Assert.DoesNotMatch(StackFrameLine(), output);
    }

    [Fact]
    public async Task Serve_BadLogFormatSetting_OneClearLineAndExitCode2()
    {
        using var folder = new TempFolder();

        var (exitCode, output) = await CliProcess.RunAsync(folder.Path, new Dictionary<string, string> { ["CLICKCAST_Logging__Format"] = "xml" }, "serve", "--no-demo", "--urls", "http://127.0.0.1:0");

        Assert.True(exitCode == 2, output);
        Assert.Contains("invalid settings: Logging:Format is 'xml': use 'text' or 'json'.", output, StringComparison.Ordinal);
        Assert.DoesNotMatch(StackFrameLine(), output);
    }

    [Fact]
    public async Task Verbose_TextLogs_EveryLogLineStartsWithAUtcTimestamp()
    {
        using var folder = new TempFolder();

        var (exitCode, output) = await CliProcess.RunAsync(folder.Path, NoEnvironment, "--verbose", "tenants", "list");

        Assert.True(exitCode == 0, output);
        var logLines = output.Split('\n').Where(l => LogLevelWord().IsMatch(l)).ToList();
        Assert.NotEmpty(logLines);
        Assert.All(logLines, line => Assert.Matches(UtcTimestampFirst(), line));
    }

    [Fact]
    public async Task LogFormatJson_EveryLogLineIsAJsonObjectWithAUtcTimestamp()
    {
        using var folder = new TempFolder();

        var (exitCode, output) = await CliProcess.RunAsync(folder.Path, NoEnvironment, "--verbose", "--log-format", "json", "tenants", "list");

        Assert.True(exitCode == 0, output);
        var jsonLines = output.Split('\n').Where(l => l.StartsWith('{')).ToList();
        Assert.NotEmpty(jsonLines);
        Assert.DoesNotContain(output.Split('\n'), l => LogLevelWord().IsMatch(l));
        foreach (var line in jsonLines)
        {
            using var entry = JsonDocument.Parse(line);
            Assert.EndsWith("Z", entry.RootElement.GetProperty("Timestamp").GetString(), StringComparison.Ordinal);
            Assert.True(entry.RootElement.TryGetProperty("EventId", out _));
            Assert.True(entry.RootElement.TryGetProperty("Category", out _));
        }
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // A frame of a stack trace, on its own line or folded into a single-line log entry.
    [GeneratedRegex(@"\bat [\w.`<>]+\.[\w<>`]+\(")]
    private static partial Regex InlineStackFrame();

    [GeneratedRegex(@"^\s+at \S+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrameLine();

    [GeneratedRegex(@"\b(info|warn|fail|crit|dbug|trce): ")]
    private static partial Regex LogLevelWord();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (info|warn|fail|crit|dbug|trce): ")]
    private static partial Regex UtcTimestampFirst();
}
