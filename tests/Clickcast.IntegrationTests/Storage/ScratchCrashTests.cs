using System.Text;
using Clickcast.Diagnostics;
using Clickcast.IntegrationTests.Support;
using Clickcast.Storage;

namespace Clickcast.IntegrationTests.Storage;

/// <summary>
/// kill -9 of a real <c>clickcast</c> process that holds its scratch folder: while it lives nobody can take the
/// folder's lock and a sweep keeps it; once it is killed the kernel frees the lock, and the next clickcast start removes
/// the folder and says so.
/// </summary>
public sealed class ScratchCrashTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ingest_KilledWhileHoldingItsScratchFolder_LockFreedAndTheNextStartRemovesTheFolder()
    {
        using var folder = new TempFolder();
        var data = Directory.CreateDirectory(folder.File("data")).FullName;
        var temp = Directory.CreateDirectory(folder.File("tmp")).FullName;
        var environment = new Dictionary<string, string> { ["TMPDIR"] = temp };
        await File.WriteAllTextAsync(folder.File("tenant.json"), """{ "id": "shop" }""", Token);
        var applied = await CliProcess.RunAsync(data, environment, "tenants", "apply", "--file", folder.File("tenant.json"));
        Assert.True(applied.ExitCode == 0, applied.Output);
        await File.WriteAllTextAsync(folder.File("events.csv"), "client_id,ts,url\nc1,2026-10-01T00:00:00Z,https://shop.example.com/a\nc2,2026-10-01T00:00:01Z,https://shop.example.com/b\n", Token);

        using var process = CliProcess.Start(data, new Dictionary<string, string>(environment) { ["CLICKCAST_STALL"] = FaultInjection.IngestAfterOutputs }, "ingest", "--tenant", "shop", "--source", folder.File("events.csv"));
        var output = new StringBuilder();
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = Task.WhenAll(ReadAsync(process.StandardOutput, output, stalled), ReadAsync(process.StandardError, output, stalled));
        await Task.WhenAny(stalled.Task, process.WaitForExitAsync(Token)).WaitAsync(TimeSpan.FromMinutes(2), Token);
        Assert.True(stalled.Task.IsCompleted, $"ingest never stalled:\n{output}");

        // Alive: the lock cannot be taken, and a sweep (even a month on) keeps the folder.
        var scratch = Assert.Single(Directory.GetDirectories(temp, ScratchSpace.Prefix + "*"));
        var lockFile = Path.Combine(scratch, ScratchSpace.LockFileName);
        Assert.ThrowsAny<IOException>(() => TakeLock(lockFile));
        Assert.Equal(default, ScratchSweep.Run(temp, TimeProvider.System.GetUtcNow() + TimeSpan.FromDays(30)));
        Assert.True(Directory.Exists(scratch));

        process.Kill(); // SIGKILL: no finally block, no exit handler
        await process.WaitForExitAsync(Token);
        await reading;
        TakeLock(lockFile).Dispose();
        Assert.True(Directory.Exists(scratch));

        var next = await CliProcess.RunAsync(data, environment, "--verbose", "tenants", "list");

        Assert.True(next.ExitCode == 0, next.Output);
        Assert.False(Directory.Exists(scratch), next.Output);
        Assert.Contains($"Removed 1 temporary folder(s) or file(s) of dead clickcast processes from {temp}", next.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(temp, ScratchSpace.Prefix + "*"));
    }

    [Fact]
    public async Task Start_FileLockingTurnedOff_KeepsEveryLockedFolder()
    {
        using var folder = new TempFolder();
        var data = Directory.CreateDirectory(folder.File("data")).FullName;
        var temp = Directory.CreateDirectory(folder.File("tmp")).FullName;
        var dead = Directory.CreateDirectory(Path.Combine(temp, "clickcast-4242-0123456789ab")).FullName;
        await File.WriteAllTextAsync(Path.Combine(dead, ScratchSpace.LockFileName), string.Empty, Token);

        // Without locks a living owner's folder looks like a dead one's: nothing with a lock file is removed.
        var unlocked = await CliProcess.RunAsync(data, new Dictionary<string, string> { ["TMPDIR"] = temp, ["DOTNET_SYSTEM_IO_DISABLEFILELOCKING"] = "1" }, "tenants", "list");
        Assert.True(unlocked.ExitCode == 0, unlocked.Output);
        Assert.True(Directory.Exists(dead));

        var locking = await CliProcess.RunAsync(data, new Dictionary<string, string> { ["TMPDIR"] = temp }, "tenants", "list");
        Assert.True(locking.ExitCode == 0, locking.Output);
        Assert.False(Directory.Exists(dead));
    }

    private static FileStream TakeLock(string path) => new(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

    private static async Task ReadAsync(StreamReader reader, StringBuilder output, TaskCompletionSource stalled)
    {
        while (await reader.ReadLineAsync(Token) is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }

            if (line.Contains($"stalling at '{FaultInjection.IngestAfterOutputs}'", StringComparison.Ordinal))
            {
                stalled.TrySetResult();
            }
        }
    }
}
