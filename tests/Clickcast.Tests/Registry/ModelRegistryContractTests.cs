using Clickcast.Metadata;
using Clickcast.Registry;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Registry;

/// <summary>What the model registry must do on every metadata database; run against SQLite and PostgreSQL.</summary>
public abstract class ModelRegistryContractTests : IAsyncLifetime
{
    private const string Tenant = "acme";
    private const string Task = "checkout";

    private MetadataDatabase? _database;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ModelRegistry Registry => new(_database!, Time, NullLogger<ModelRegistry>.Instance);

    public async ValueTask InitializeAsync()
    {
        await CreateDatabaseAsync();
        _database = OpenDatabase();
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        await DisposeDatabaseAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract ValueTask CreateDatabaseAsync();

    protected abstract MetadataDatabase OpenDatabase();

    protected abstract ValueTask DisposeDatabaseAsync();

    [Fact]
    public async Task ReserveAsync_SameJobTwice_ReturnsTheSameVersion()
    {
        var first = await Registry.ReserveAsync(Tenant, Task, jobId: 7, Token);
        var again = await Registry.ReserveAsync(Tenant, Task, jobId: 7, Token);
        var other = await Registry.ReserveAsync(Tenant, Task, jobId: 8, Token);

        Assert.Equal(1, first.Version);
        Assert.Equal(first.Version, again.Version);
        Assert.Equal(2, other.Version);
        Assert.Equal(ModelStatus.Candidate, again.Status);
        Assert.Equal(2, (await Registry.ListAsync(Tenant, Task, Token)).Count);
    }

    [Fact]
    public async Task DecideAsync_Promote_CrownsTheChallengerAndRetiresTheChampion()
    {
        await TrainAsync(jobId: 1, auc: 0.7, promote: true);

        await TrainAsync(jobId: 2, auc: 0.75, promote: true);

        var versions = await Registry.ListAsync(Tenant, Task, Token);
        Assert.Equal(ModelStatus.Retired, versions.Single(v => v.Version == 1).Status);
        Assert.Equal(ModelStatus.Champion, versions.Single(v => v.Version == 2).Status);
        Assert.Equal(2, (await Registry.GetChampionAsync(Tenant, Task, Token))!.Version);
        Assert.Equal(
            [ModelHistoryAction.Registered, ModelHistoryAction.Promoted, ModelHistoryAction.Registered, ModelHistoryAction.Promoted],
            (await Registry.HistoryAsync(Tenant, Task, Token)).Select(h => h.Action));
    }

    [Fact]
    public async Task DecideAsync_RejectReachingPatience_KeepsTheChampionAndPausesInTheSameTransaction()
    {
        await TrainAsync(jobId: 1, auc: 0.7, promote: true);

        await TrainAsync(jobId: 2, auc: 0.69, promote: false, nonImproving: 3, pause: true);

        Assert.Equal(1, (await Registry.GetChampionAsync(Tenant, Task, Token))!.Version);
        Assert.Equal(ModelStatus.Rejected, (await Registry.GetAsync(Tenant, Task, 2, Token))!.Status);
        var state = await Registry.GetRetrainingAsync(Tenant, Task, Token);
        Assert.Equal(RetrainingStatus.Paused, state.Status);
        Assert.Equal(3, state.NonImproving);
        Assert.Equal(1_000, state.EventsAtLastTraining);
        var history = await Registry.HistoryAsync(Tenant, Task, Token);
        Assert.Equal(ModelHistoryAction.RetrainingPaused, history[^1].Action);
        Assert.Equal("job:2", history[^1].Actor);
    }

    [Fact]
    public async Task DecideAsync_NeverReserved_Throws()
    {
        var stranger = new ModelVersion { Tenant = Tenant, Task = Task, Version = 9, FolderKey = "x/", TestAuc = 0.8 };

        await Assert.ThrowsAsync<InvalidOperationException>(() => Registry.DecideAsync(stranger, Decision(true), Time.GetUtcNow(), "job:9", Token));
    }

    [Fact]
    public async Task PromoteAsync_ByHand_RecordsTheActorAndReason()
    {
        await TrainAsync(jobId: 1, auc: 0.7, promote: true);
        await TrainAsync(jobId: 2, auc: 0.69, promote: false, nonImproving: 1);

        await Registry.PromoteAsync(Tenant, Task, 2, "cli:alice", "better on last week's campaign", Token);

        Assert.Equal(2, (await Registry.GetChampionAsync(Tenant, Task, Token))!.Version);
        var last = (await Registry.HistoryAsync(Tenant, Task, Token))[^1];
        Assert.Equal((ModelHistoryAction.Promoted, 2, "cli:alice", "manual: better on last week's campaign"), (last.Action, last.Version, last.Actor, last.Detail));
    }

    [Fact]
    public async Task RollbackAsync_PutsThePreviousChampionBack()
    {
        await TrainAsync(jobId: 1, auc: 0.7, promote: true);
        await TrainAsync(jobId: 2, auc: 0.75, promote: true);

        var restored = await Registry.RollbackAsync(Tenant, Task, "cli:alice", "v2 misbehaves", Token);

        Assert.Equal(1, restored);
        Assert.Equal(1, (await Registry.GetChampionAsync(Tenant, Task, Token))!.Version);
        var versions = await Registry.ListAsync(Tenant, Task, Token);
        Assert.Single(versions, v => v.Status == ModelStatus.Champion);
        var last = (await Registry.HistoryAsync(Tenant, Task, Token))[^1];
        Assert.Equal((ModelHistoryAction.RolledBack, 1, "from v2: v2 misbehaves"), (last.Action, last.Version, last.Detail));
    }

    [Fact]
    public async Task RollbackAsync_OnlyOneChampionEver_Throws()
    {
        await TrainAsync(jobId: 1, auc: 0.7, promote: true);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Registry.RollbackAsync(Tenant, Task, "cli:alice", "why not", Token));
    }

    [Fact]
    public async Task PauseAndResume_EachOneHistoryRow_PauseTwiceChangesNothing()
    {
        var paused = await Registry.PauseRetrainingAsync(Tenant, Task, "campaign freeze", "api:ops", Token);
        var again = await Registry.PauseRetrainingAsync(Tenant, Task, "again", "api:ops", Token);
        var resumed = await Registry.ResumeRetrainingAsync(Tenant, Task, "freeze over", "cli:bob", Token);

        Assert.Equal(RetrainingStatus.Paused, paused.Status);
        Assert.Equal("paused by hand: campaign freeze", again.PausedReason);
        Assert.Equal(RetrainingStatus.Active, resumed.Status);
        Assert.Equal(RetrainingStatus.Active, (await Registry.GetRetrainingAsync(Tenant, Task, Token)).Status);
        var history = await Registry.HistoryAsync(Tenant, Task, Token);
        Assert.Equal([ModelHistoryAction.RetrainingPaused, ModelHistoryAction.RetrainingResumed], history.Select(h => h.Action));
        Assert.Equal(["api:ops", "cli:bob"], history.Select(h => h.Actor));
    }

    [Fact]
    public async Task ResumeRetrainingAsync_ActiveWithMisses_ResetsTheCount()
    {
        await TrainAsync(jobId: 1, auc: 0.7, promote: true);
        await TrainAsync(jobId: 2, auc: 0.69, promote: false, nonImproving: 1);

        var state = await Registry.ResumeRetrainingAsync(Tenant, Task, "new campaign", "cli:bob", Token);

        Assert.Equal(0, state.NonImproving);
        Assert.Equal(ModelHistoryAction.RetrainingReset, (await Registry.HistoryAsync(Tenant, Task, Token))[^1].Action);
    }

    [Fact]
    public async Task DecideAsync_PromotionWhilePaused_ResumesRetraining()
    {
        await TrainAsync(jobId: 1, auc: 0.7, promote: true);
        await Registry.PauseRetrainingAsync(Tenant, Task, "freeze", "api:ops", Token);

        await TrainAsync(jobId: 2, auc: 0.8, promote: true);

        Assert.Equal(RetrainingStatus.Active, (await Registry.GetRetrainingAsync(Tenant, Task, Token)).Status);
        Assert.Equal(ModelHistoryAction.RetrainingResumed, (await Registry.HistoryAsync(Tenant, Task, Token))[^1].Action);
    }

    private async Task TrainAsync(long jobId, double auc, bool promote, int nonImproving = 0, bool pause = false)
    {
        var reserved = await Registry.ReserveAsync(Tenant, Task, jobId, Token);
        var trained = reserved with { Family = "Gru", TestAuc = auc, ValidationAuc = auc, DataEvents = 1_000, DataGeneration = 1 };
        await Registry.DecideAsync(trained, Decision(promote, nonImproving, pause), Time.GetUtcNow(), "job:" + jobId, Token);
    }

    private static ChallengerDecision Decision(bool promote, int nonImproving = 0, bool pause = false) =>
        new(promote, promote ? "better" : "not better", nonImproving, pause, pause ? $"{nonImproving} retrains in a row without improvement" : null);
}
