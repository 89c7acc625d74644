using Clickcast.Diagnostics;
using Clickcast.IntegrationTests.Support;
using Clickcast.Tests.Support;

namespace Clickcast.IntegrationTests.Pipeline;

/// <summary>
/// kill -9 of the real worker process at each point of a sharded sequence update (4 shards: mid-shard, after a
/// shard's fan-in record, before the manifest), then a restart: the events and sequences equal the unsharded run's,
/// and the model, scores and deliveries equal a sharded run without the crash.
/// </summary>
public sealed class ShardedCrashRecoveryTests : IClassFixture<CrashRecoveryTests.Inputs>
{
    private const int Shards = 4;
    private static readonly SemaphoreSlim ReferenceLock = new(1, 1);
    private static CrashRecoveryTests.Outcome? _shardedReference;
    private readonly CrashRecoveryTests.Inputs _inputs;

    public ShardedCrashRecoveryTests(CrashRecoveryTests.Inputs inputs)
    {
        _inputs = inputs;
    }

    [Theory]
    [InlineData(FaultInjection.SequencesMidShard)]
    [InlineData(FaultInjection.SequencesAfterShardRecord)]
    [InlineData(FaultInjection.SequencesBeforeManifest)]
    public async Task Run_ShardedTenantKilledDuringTheSequenceUpdateThenRestarted_EndsInTheSameState(string point)
    {
        await using var cdp = FakeCdp.Start();
        using var folder = new TempFolder();
        var data = folder.File("data");
        await CrashRecoveryTests.PrepareAsync(data, cdp, _inputs, CrashRecoveryTests.Environment(), Shards);

        var crashed = await CliProcess.RunAsync(data, CrashRecoveryTests.Environment(("CLICKCAST_FAULTS", point)), "run");
        Assert.True(crashed.ExitCode == 137, $"expected a SIGKILL at {point}, got exit code {crashed.ExitCode}:\n{crashed.Output}");
        await System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);
        var restarted = await CliProcess.RunAsync(data, CrashRecoveryTests.Environment(), "run");
        Assert.True(restarted.ExitCode == 0, restarted.Output);

        var unsharded = await _inputs.ReferenceAsync();
        var sharded = await ShardedReferenceAsync();
        var actual = await CrashRecoveryTests.Outcome.ReadAsync(data, cdp);
        Assert.Equal(unsharded.Events, actual.Events);
        Assert.Equal(unsharded.Sequences, actual.Sequences);
        Assert.Equal(unsharded.Sequences, sharded.Sequences);
        Assert.Equal(sharded.Champion, actual.Champion);
        Assert.Equal(sharded.Scores.Count, actual.Scores.Count);
        foreach (var (client, probability) in sharded.Scores)
        {
            Assert.Equal(probability, actual.Scores[client], 12);
        }

        Assert.Equal(sharded.Delivered, actual.Delivered);
        Assert.Equal(actual.Scores.Count, actual.Delivered.Count);
        var records = Path.Combine(data, "objects", "tenants", "crash", "_shards", "sequences");
        Assert.False(Directory.Exists(records) && Directory.EnumerateFiles(records, "*", SearchOption.AllDirectories).Any(), "fan-in records are left behind");
    }

    private async Task<CrashRecoveryTests.Outcome> ShardedReferenceAsync()
    {
        await ReferenceLock.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_shardedReference is null)
            {
                await using var cdp = FakeCdp.Start();
                using var folder = new TempFolder();
                var data = folder.File("reference");
                await CrashRecoveryTests.PrepareAsync(data, cdp, _inputs, CrashRecoveryTests.Environment(), Shards);
                var run = await CliProcess.RunAsync(data, CrashRecoveryTests.Environment(), "run");
                Assert.True(run.ExitCode == 0, run.Output);
                _shardedReference = await CrashRecoveryTests.Outcome.ReadAsync(data, cdp);
            }

            return _shardedReference;
        }
        finally
        {
            ReferenceLock.Release();
        }
    }
}
