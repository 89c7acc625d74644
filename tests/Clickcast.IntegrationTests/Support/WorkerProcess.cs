using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Clickcast.IntegrationTests.Support;

/// <summary>
/// A real <c>clickcast --verbose worker</c> process with folders of its own — its data folder (<c>DataPath</c>: the
/// model cache, the key ring), <c>TMPDIR</c> and <c>HOME</c> — as a worker on another machine would have.
/// </summary>
internal sealed partial class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Task _reading;

    private WorkerProcess(string name, string root, Process process)
    {
        Name = name;
        Root = root;
        _process = process;
        _reading = Task.WhenAll(ReadAsync(process.StandardOutput), ReadAsync(process.StandardError));
    }

    public string Name { get; }

    /// <summary>The folder that holds everything local to this worker: <c>data/</c>, <c>tmp/</c>, <c>home/</c>.</summary>
    public string Root { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static WorkerProcess Start(string name, string root, IReadOnlyDictionary<string, string> environment)
    {
        var data = Path.Combine(root, "data");
        var temp = Path.Combine(root, "tmp");
        var home = Path.Combine(root, "home");
        foreach (var folder in new[] { data, temp, home })
        {
            Directory.CreateDirectory(folder);
        }

        var own = new Dictionary<string, string>(environment, StringComparer.Ordinal) { ["TMPDIR"] = temp, ["HOME"] = home, ["DOTNET_CLI_HOME"] = home };
        return new WorkerProcess(name, root, CliProcess.Start(data, own, "--verbose", "worker"));
    }

    /// <summary>The ids of the jobs this worker logged as succeeded.</summary>
    public IReadOnlySet<long> SucceededJobs() =>
        Succeeded().Matches(Output()).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet();

    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    /// <summary>The last lines of what it wrote, for failure messages.</summary>
    public string Tail(int lines = 25) =>
        $"--- {Name} (pid {ProcessId}{(HasExited ? $", exited {ExitCode}" : string.Empty)}) ---\n"
        + string.Join('\n', Output().Split('\n').TakeLast(lines));

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout);
        await _process.WaitForExitAsync(limit.Token);
        await _reading;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            CliProcess.Terminate(_process);
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        await _reading;
        _process.Dispose();
    }

    private async Task ReadAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    [GeneratedRegex(@"Job (\d+) \(\w+, tenant [^)]+\) succeeded")]
    private static partial Regex Succeeded();
}
