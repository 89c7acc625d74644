using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Clickcast.Diagnostics;
using Clickcast.IntegrationTests.Support;
using Clickcast.Pipeline.Jobs;
using Clickcast.Storage;
using Clickcast.Tests.Support;

namespace Clickcast.IntegrationTests.Pipeline;

/// <summary>
/// SIGTERM to the real <c>clickcast worker</c> and <c>clickcast serve</c> while a job of each kind is stuck in a step
/// that ignores its cancellation (<c>CLICKCAST_STALL</c>): the process exits within its stop budget, and the job is
/// queued again at once — not after its lease (two minutes here) — with its attempt not consumed.
/// </summary>
public sealed class GracefulShutdownTests : IClassFixture<CrashRecoveryTests.Inputs>
{
    private const string Tenant = "crash";

    /// <summary>Far above Jobs:StopTimeout (2 s here) and start-up, far below the lease and the watchdog.</summary>
    private static readonly TimeSpan ExitBudget = TimeSpan.FromSeconds(20);

    private readonly CrashRecoveryTests.Inputs _inputs;

    public GracefulShutdownTests(CrashRecoveryTests.Inputs inputs)
    {
        _inputs = inputs;
    }

    [Theory]
    [InlineData("worker", FaultInjection.IngestAfterOutputs, JobKind.Ingest)]
    [InlineData("worker", FaultInjection.SequencesBeforeManifest, JobKind.Sequences)]
    [InlineData("worker", FaultInjection.TrainBeforeDecision, JobKind.Train)]
    [InlineData("worker", FaultInjection.ScoreBeforeState, JobKind.Score)]
    [InlineData("worker", FaultInjection.ExportAfterSend, JobKind.Export)]
    [InlineData("serve", FaultInjection.TrainBeforeDecision, JobKind.Train)]
    [InlineData("serve", FaultInjection.ExportAfterSend, JobKind.Export)]
    public async Task Sigterm_DuringAJobThatIgnoresCancellation_ExitsInTimeAndQueuesTheJobAgainWithItsAttempt(string verb, string point, JobKind kind)
    {
        await using var cdp = FakeCdp.Start();
        using var folder = new TempFolder();
        var data = folder.File("data");
        await CrashRecoveryTests.PrepareAsync(data, cdp, _inputs, Environment());
        string[] arguments = verb == "serve" ? ["serve", "--no-demo", "--urls", "http://127.0.0.1:0"] : ["--verbose", "worker"];

        using var process = CliProcess.Start(data, Environment(("CLICKCAST_STALL", point)), arguments);
        var output = new StringBuilder();
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = Task.WhenAll(ReadAsync(process.StandardOutput, output, point, stalled), ReadAsync(process.StandardError, output, point, stalled));
        await Task.WhenAny(stalled.Task, process.WaitForExitAsync(TestContext.Current.CancellationToken)).WaitAsync(TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
        Assert.True(stalled.Task.IsCompleted, $"{verb} never reached {point}:\n{output}");

        var stopping = Stopwatch.StartNew();
        CliProcess.Terminate(process);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        budget.CancelAfter(ExitBudget);
        try
        {
            await process.WaitForExitAsync(budget.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{verb} still running {ExitBudget} after SIGTERM at {point}:\n{output}");
        }

        var elapsed = stopping.Elapsed;
        await reading;
        Assert.True(process.ExitCode is 0 or 143, $"exit code {process.ExitCode} after {elapsed}:\n{output}");
        // The stalled job's temporary files go with the process's scratch folder (ScratchSpace), at exit.
        Assert.Empty(Directory.GetDirectories(Path.GetTempPath(), $"{ScratchSpace.Prefix}{process.Id}-*"));

        var runs = await CliProcess.RunAsync(data, Environment(), "runs", "list", "--kind", kind.ToString(), "--json");
        Assert.True(runs.ExitCode == 0, runs.Output);
        var released = Regex.Match(output.ToString(), $@"Job (\d+) \({kind}, tenant {Tenant}\) released");
        Assert.True(released.Success, $"no release of the {kind} job logged:\n{output}");
        var jobs = JsonDocument.Parse(runs.Output[runs.Output.IndexOf('[', StringComparison.Ordinal)..]).RootElement.EnumerateArray();
        var job = Assert.Single(jobs, j => j.GetProperty("id").GetInt64() == long.Parse(released.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(nameof(JobStatus.Queued), job.GetProperty("status").GetString());
        Assert.Equal(0, job.GetProperty("attempts").GetInt32());
        Assert.True(job.GetProperty("nextRunAt").GetDateTimeOffset() <= TimeProvider.System.GetUtcNow(), "due now, not after its lease");
    }

    private static async Task ReadAsync(StreamReader reader, StringBuilder output, string point, TaskCompletionSource stalled)
    {
        while (await reader.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }

            if (line.Contains($"stalling at '{point}'", StringComparison.Ordinal))
            {
                stalled.TrySetResult();
            }
        }
    }

    private static Dictionary<string, string> Environment(params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CLICKCAST_Jobs__StopTimeout"] = "00:00:02",
            ["CLICKCAST_Pipeline__SequencesDebounce"] = "00:00:00",
            ["CLICKCAST_Server__AdminKey"] = "ck_gracefulshutdownadminkey0123456789abcdef",
            ["CLICKCAST_Export__Http__AllowedNetworks__0"] = "127.0.0.0/8",
        };
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }

        return environment;
    }
}
