using System.Text.Json;
using Clickcast.Events;
using Clickcast.Scoring;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Tests.Support;
using Clickcast.Training;

namespace Clickcast.Tests.Scoring;

public sealed class ShardedScorerTests
{
    private const int Shards = 4;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A sharded run as the jobs make it: plan, every shard (last first), records through JSON as the fan-in keeps them, commit.</summary>
    private static async Task<ScoringReport?> ScoreShardedAsync(Scorer scorer, ScoringRequest request, TrainedModelVersion model, string runId)
    {
        var plan = await scorer.PlanShardsAsync(request, 1, runId, Shards, Ct);
        if (plan is null)
        {
            return null;
        }

        plan = JsonSerializer.Deserialize<ScoringPlan>(JsonSerializer.Serialize(plan, ClickcastJson.Options), ClickcastJson.Options)!;
        var records = new List<ShardScore>();
        for (var shard = Shards - 1; shard >= 0; shard--)
        {
            var record = await scorer.ScoreShardAsync(request, model, plan, shard, Ct);
            records.Add(JsonSerializer.Deserialize<ShardScore>(JsonSerializer.Serialize(record, ClickcastJson.Options), ClickcastJson.Options)!);
        }

        return await scorer.CommitShardsAsync(request, plan, [.. records.OrderBy(r => r.Shard)], Ct);
    }

    private static async Task<Dictionary<string, Prediction>> ReadAsync(IObjectStore store, IEnumerable<string> keys)
    {
        var rows = new Dictionary<string, Prediction>(StringComparer.Ordinal);
        await foreach (var p in PredictionParts.ReadAsync(store, keys, Ct))
        {
            rows.Add(p.ClientId, p);
        }

        return rows;
    }

    private static void AssertSameScores(Dictionary<string, Prediction> expected, Dictionary<string, Prediction> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected.Values, e =>
        {
            var a = actual[e.ClientId];
            Assert.Equal((e.Probability, e.Percentile, e.Bucket, e.AboveThreshold, e.ModelVersion), (a.Probability, a.Percentile, a.Bucket, a.AboveThreshold, a.ModelVersion));
        });
    }

    [Fact]
    public async Task ShardedRuns_FullThenIncremental_GiveExactlyTheUnshardedProbabilitiesPercentilesBucketsAndPsi()
    {
        await using var scoring = await ScoringFixture.StartAsync();
        var (tenant, plain, model, scorer) = scoring;
        var sharded = ScoringFixture.TaskOf("checkout-sharded");
        var (plainRequest, shardedRequest) = (plain.ScoringRequest(GeneratedTenant.Tenant), sharded.ScoringRequest(GeneratedTenant.Tenant));

        foreach (var (runId, first) in new[] { ("run-1", true), ("run-2", false) })
        {
            if (!first)
            {
                await tenant.AddLastDayAsync();
            }

            var expected = await scorer.ScoreAsync(plainRequest, model, 1, runId, Ct);
            var actual = await ScoreShardedAsync(scorer, shardedRequest, model, runId);

            Assert.NotNull(actual);
            Assert.Equal((first, expected.Run!.Clients, expected.ClientsSeen), (actual.Run!.Full, actual.Run.Clients, actual.ClientsSeen));
            Assert.Equal(expected.Buckets.OrderBy(b => b.Key), actual.Buckets.OrderBy(b => b.Key));
            Assert.Equal(expected.Run.Psi, actual.Run.Psi);
            AssertSameScores(await ReadAsync(tenant.Store, PredictionParts.RunKeys(expected.Run)), await ReadAsync(tenant.Store, PredictionParts.RunKeys(actual.Run)));
            var (plainState, shardedState) = (await scorer.GetStateAsync(GeneratedTenant.Tenant, plain.Id, Ct), await scorer.GetStateAsync(GeneratedTenant.Tenant, sharded.Id, Ct));
            Assert.Equal(plainState!.Distribution.Quantiles, shardedState!.Distribution.Quantiles);
            Assert.Equal((null, (int?)Shards), (plainState.Shards, shardedState.Shards));
            AssertSameScores(
                await ReadAsync(tenant.Store, PredictionParts.CurrentKeys(GeneratedTenant.Tenant, plain.Id, plainState.Shards)),
                await ReadAsync(tenant.Store, PredictionParts.CurrentKeys(GeneratedTenant.Tenant, sharded.Id, shardedState.Shards)));
        }
    }

    [Fact]
    public async Task IncrementalShardedRun_KeepsEachCurrentPartInClientOrder()
    {
        await using var scoring = await ScoringFixture.StartAsync("checkout");
        var (tenant, task, model, scorer) = scoring;
        var request = task.ScoringRequest(GeneratedTenant.Tenant);
        await ScoreShardedAsync(scorer, request, model, "run-1");
        await tenant.AddLastDayAsync();

        var second = await ScoreShardedAsync(scorer, request, model, "run-2");

        Assert.False(second!.Run!.Full);
        long rows = 0;
        for (var shard = 0; shard < Shards; shard++)
        {
            var part = new List<Prediction>();
            await foreach (var p in PredictionParts.ReadAsync(tenant.Store, [PredictionParts.CurrentPart(GeneratedTenant.Tenant, task.Id, shard)], Ct))
            {
                part.Add(p);
            }

            rows += part.Count;
            Assert.True(part.Zip(part.Skip(1)).All(p => SequenceOrder.CompareClients(ClientHash.Of(p.First.ClientId), p.First.ClientId, ClientHash.Of(p.Second.ClientId), p.Second.ClientId) < 0));
        }

        Assert.Equal(second.ClientsSeen, rows);
    }

    [Fact]
    public async Task ScoreShardAsync_WritesOnlyTheShardsClientsUnderDeterministicKeys()
    {
        await using var scoring = await ScoringFixture.StartAsync("checkout");
        var (tenant, task, model, scorer) = scoring;
        var request = task.ScoringRequest(GeneratedTenant.Tenant);
        var report = await ScoreShardedAsync(scorer, request, model, "run-1");
        var before = await ReadAsync(tenant.Store, PredictionParts.RunKeys(report!.Run!));

        var plan = (await scorer.PlanShardsAsync(request, 2, "run-2", Shards, Ct))!;
        var again = await scorer.ScoreShardAsync(request, model, plan, 2, Ct);
        var retried = await scorer.ScoreShardAsync(request, model, plan, 2, Ct);

        Assert.Equal(again, retried with { Buckets = again.Buckets });
        for (var shard = 0; shard < Shards; shard++)
        {
            var part = await ReadAsync(tenant.Store, [PredictionParts.RunFolder(GeneratedTenant.Tenant, task.Id, "run-1") + PredictionParts.PartName(shard)]);
            Assert.NotEmpty(part);
            Assert.All(part.Keys, c => Assert.Equal(shard, ClientShard.Of(c, Shards)));
            var current = await ReadAsync(tenant.Store, [PredictionParts.CurrentPart(GeneratedTenant.Tenant, task.Id, shard)]);
            Assert.Equal(part.Keys.Order(StringComparer.Ordinal), current.Keys.Order(StringComparer.Ordinal));
        }

        Assert.Equal(before.Count, report.Run!.Clients);
        Assert.Equal([PredictionParts.RunFolder(GeneratedTenant.Tenant, task.Id, "run-2") + "part-0002.parquet"], await KeysAsync(tenant.Store, PredictionParts.RunFolder(GeneratedTenant.Tenant, task.Id, "run-2"), ".parquet"));
    }

    [Fact]
    public async Task ShardCountChanges_RescoreEveryoneIntoTheNewForm()
    {
        await using var scoring = await ScoringFixture.StartAsync("checkout");
        var (tenant, task, model, scorer) = scoring;
        var request = task.ScoringRequest(GeneratedTenant.Tenant);
        await scorer.ScoreAsync(request, model, 1, "run-1", Ct);

        var sharded = await ScoreShardedAsync(scorer, request, model, "run-2");
        var unsharded = await scorer.ScoreAsync(request, model, 1, "run-3", Ct);

        Assert.True(sharded!.Run!.Full);
        Assert.True(unsharded.Run!.Full);
        var state = await scorer.GetStateAsync(GeneratedTenant.Tenant, task.Id, Ct);
        Assert.Null(state!.Shards);
        Assert.Equal(unsharded.ClientsSeen, (await ReadAsync(tenant.Store, PredictionParts.CurrentKeys(GeneratedTenant.Tenant, task.Id, state.Shards))).Count);
    }

    [Fact]
    public async Task SortedProbabilities_MergeOfShards_GivesTheQuantilesOfEveryone()
    {
        using var folder = new TempFolder();
        var store = new LocalObjectStore(folder.File("store"));
        var random = new Random(7);
        var all = Enumerable.Range(0, 10_007).Select(_ => Math.Round(random.NextDouble(), 3)).ToList();
        var keys = new List<string>();
        for (var shard = 0; shard < Shards; shard++)
        {
            keys.Add($"tenants/t/sorted/{shard}.bin");
            await SortedProbabilities.WriteAsync(store, keys[^1], all.Where((_, i) => i % Shards == shard), Ct);
        }

        var merged = await SortedProbabilities.MergeAsync(store, keys, all.Count, Ct);

        Assert.Equal(ScoreDistribution.Of(all).Quantiles, merged.Quantiles);
        Assert.Equal(all.Count, merged.Clients);
        Assert.Equal(ScoreDistribution.Of(all[..500]).Quantiles, ScoreDistribution.OfSorted(all[..500].Order(), 500).Quantiles);
    }

    private static async Task<List<string>> KeysAsync(IObjectStore store, string prefix, string suffix)
    {
        var keys = new List<string>();
        await foreach (var item in store.ListAsync(prefix, cancellationToken: Ct))
        {
            if (item.Key.EndsWith(suffix, StringComparison.Ordinal))
            {
                keys.Add(item.Key);
            }
        }

        return keys;
    }
}
