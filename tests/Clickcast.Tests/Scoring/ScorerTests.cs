using Clickcast.Events;
using Clickcast.Labels;
using Clickcast.Scoring;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Scoring;

public sealed class ScorerTests
{
    private static async Task<List<Prediction>> ReadAsync(GeneratedTenant tenant, string key)
    {
        using var copy = await tenant.Store.GetLocalCopyAsync(key, TestContext.Current.CancellationToken);
        var result = new List<Prediction>();
        await foreach (var prediction in PredictionFileReader.ReadAsync(copy.Path, TestContext.Current.CancellationToken))
        {
            result.Add(prediction);
        }

        return result;
    }

    [Fact]
    public async Task ScoreAsync_FirstRunScoresEveryoneThenOnlyClientsWithFreshEvents()
    {
        await using var scoring = await ScoringFixture.StartAsync();
        var (tenant, task, model, scorer) = scoring;

        var first = await scorer.ScoreAsync(task.ScoringRequest(GeneratedTenant.Tenant), model, 1, "run-1", TestContext.Current.CancellationToken);
        var unchanged = await scorer.ScoreAsync(task.ScoringRequest(GeneratedTenant.Tenant), model, 1, "run-2", TestContext.Current.CancellationToken);
        await tenant.AddLastDayAsync();
        var manifest = await new SequenceStore(tenant.Store).GetManifestAsync(GeneratedTenant.Tenant, TestContext.Current.CancellationToken);
        var fresh = 0L;
        await foreach (var sequence in new SequenceStore(tenant.Store).ReadAsync(manifest!, TestContext.Current.CancellationToken))
        {
            fresh += sequence.UpdatedGeneration == manifest!.Generation ? 1 : 0;
        }

        var second = await scorer.ScoreAsync(task.ScoringRequest(GeneratedTenant.Tenant), model, 1, "run-3", TestContext.Current.CancellationToken);

        Assert.True(first.Run!.Full);
        Assert.Equal(first.ClientsSeen, first.Run.Clients);
        Assert.Null(unchanged.Run);
        Assert.False(second.Run!.Full);
        Assert.Equal(fresh, second.Run.Clients);
        Assert.InRange(second.Run.Clients, 1, first.Run.Clients / 2);

        var firstRun = await ReadAsync(tenant, first.Run.PredictionsKey);
        Assert.All(firstRun, p => Assert.InRange(p.Probability, 0, 1));
        Assert.InRange(firstRun.Count(p => p.Bucket == "high") / (double)firstRun.Count, 0.05, 0.15);
        Assert.Equal(firstRun.Count, firstRun.Select(p => p.ClientId).Distinct().Count());

        var current = await ReadAsync(tenant, Scorer.CurrentKey(GeneratedTenant.Tenant, task.Id));
        var latestRun = (await ReadAsync(tenant, second.Run.PredictionsKey)).ToDictionary(p => p.ClientId);
        Assert.Equal(second.ClientsSeen, current.Count);
        Assert.All(current.Where(p => latestRun.ContainsKey(p.ClientId)), p => Assert.Equal(latestRun[p.ClientId], p));
    }

    private static bool InClientOrder(IReadOnlyList<Prediction> rows) =>
        rows.Zip(rows.Skip(1)).All(p => SequenceOrder.CompareClients(ClientHash.Of(p.First.ClientId), p.First.ClientId, ClientHash.Of(p.Second.ClientId), p.Second.ClientId) < 0);

    [Fact]
    public async Task ScoreAsync_IncrementalRun_KeepsTheCurrentScoresInClientOrder()
    {
        await using var scoring = await ScoringFixture.StartAsync();
        var (tenant, task, model, scorer) = scoring;
        await scorer.ScoreAsync(task.ScoringRequest(GeneratedTenant.Tenant), model, 1, "run-1", TestContext.Current.CancellationToken);
        await tenant.AddLastDayAsync();

        var second = await scorer.ScoreAsync(task.ScoringRequest(GeneratedTenant.Tenant), model, 1, "run-2", TestContext.Current.CancellationToken);

        // The merge in client order is what lets the next run replace clients without a set of their ids.
        var current = await ReadAsync(tenant, Scorer.CurrentKey(GeneratedTenant.Tenant, task.Id));
        Assert.False(second.Run!.Full);
        Assert.Equal(second.ClientsSeen, current.Count);
        Assert.True(InClientOrder(current));
        Assert.True(InClientOrder(await ReadAsync(tenant, second.Run.PredictionsKey)));
    }

    [Fact]
    public async Task ScoreAsync_CurrentScoresNotInClientOrder_ReplacesTheFreshClientsOnceAndWritesThemBackInClientOrder()
    {
        await using var scoring = await ScoringFixture.StartAsync();
        var (tenant, task, model, scorer) = scoring;
        var first = await scorer.ScoreAsync(task.ScoringRequest(GeneratedTenant.Tenant), model, 1, "run-1", TestContext.Current.CancellationToken);
        var key = Scorer.CurrentKey(GeneratedTenant.Tenant, task.Id);
        // As current scores were kept before they were kept in client order: the rows in another order.
        var reversed = (await ReadAsync(tenant, key)).AsEnumerable().Reverse().ToList();
        await PredictionFileWriter.WriteAsync(tenant.Store, key, reversed, TestContext.Current.CancellationToken);
        await tenant.AddLastDayAsync();

        var second = await scorer.ScoreAsync(task.ScoringRequest(GeneratedTenant.Tenant), model, 1, "run-2", TestContext.Current.CancellationToken);

        var current = await ReadAsync(tenant, key);
        var fresh = (await ReadAsync(tenant, second.Run!.PredictionsKey)).ToDictionary(p => p.ClientId);
        Assert.Equal(second.ClientsSeen, current.Count);
        Assert.Equal(current.Count, current.Select(p => p.ClientId).Distinct().Count());
        Assert.All(current.Where(p => fresh.ContainsKey(p.ClientId)), p => Assert.Equal(fresh[p.ClientId], p));
        Assert.Equal(fresh.Count, current.Count(p => fresh.ContainsKey(p.ClientId)));
        Assert.False(second.Run.Full);
        Assert.Equal(first.Run!.Clients, reversed.Count);
        Assert.Equal(reversed.Select(p => p.ClientId).Union(fresh.Keys).Order(StringComparer.Ordinal), current.Select(p => p.ClientId).Order(StringComparer.Ordinal));
        Assert.True(InClientOrder(current)); // written back sorted: before, the fallback kept the old order and warned on every later run
    }

    [Fact]
    public async Task ScoreAsync_NewModelVersion_RescoresEveryone()
    {
        await using var scoring = await ScoringFixture.StartAsync();
        var (tenant, task, model, scorer) = scoring;
        await scorer.ScoreAsync(task.ScoringRequest(GeneratedTenant.Tenant), model, 1, "run-1", TestContext.Current.CancellationToken);

        var rescored = await scorer.ScoreAsync(task.ScoringRequest(GeneratedTenant.Tenant), model, 2, "run-2", TestContext.Current.CancellationToken);

        Assert.True(rescored.Run!.Full);
        Assert.Equal(rescored.ClientsSeen, rescored.Run.Clients);
    }

    [Fact]
    public async Task ScoreAsync_OutcomeWindowPassed_WritesExpectedVsActualPerBucket()
    {
        await using var scoring = await ScoringFixture.StartAsync();
        var (tenant, task, model, scorer) = scoring;
        task.Labeling.Horizon = TimeSpan.FromHours(12); // the last day closes the window of a run made before it
        await scorer.ScoreAsync(task.ScoringRequest(GeneratedTenant.Tenant), model, 1, "run-1", TestContext.Current.CancellationToken);
        await tenant.AddLastDayAsync();

        var report = await scorer.ScoreAsync(task.ScoringRequest(GeneratedTenant.Tenant), model, 1, "run-2", TestContext.Current.CancellationToken);

        var key = Assert.Single(report.MonitoringReports);
        var monitoring = await tenant.Store.TryReadJsonAsync<MonitoringReport>(key, Clickcast.Storage.ClickcastJson.Options, TestContext.Current.CancellationToken);
        Assert.NotNull(monitoring);
        Assert.Equal("run-1", monitoring.RunId);
        Assert.Equal(3, monitoring.Buckets.Count);
        var high = monitoring.Buckets.Single(b => b.Bucket == ScoreBucket.High);
        var low = monitoring.Buckets.Single(b => b.Bucket == ScoreBucket.Low);
        Assert.True(high.ExpectedRate > low.ExpectedRate);
        Assert.True(high.ActualRate >= low.ActualRate, $"high {high.ActualRate} low {low.ActualRate}");
    }

    [Fact]
    public async Task ScoreAsync_MonitoringStreamsThePredictions_SameFiguresAsTheRunGroupedInMemory()
    {
        await using var scoring = await ScoringFixture.StartAsync();
        var (tenant, task, model, scorer) = scoring;
        task.Labeling.Horizon = TimeSpan.FromHours(12);
        var first = await scorer.ScoreAsync(task.ScoringRequest(GeneratedTenant.Tenant), model, 1, "run-1", TestContext.Current.CancellationToken);
        await tenant.AddLastDayAsync();

        var report = await scorer.ScoreAsync(task.ScoringRequest(GeneratedTenant.Tenant), model, 1, "run-2", TestContext.Current.CancellationToken);

        // The figures the report had when it grouped every prediction in memory, computed here the same way.
        var predictions = await ReadAsync(tenant, first.Run!.PredictionsKey);
        var sequences = new SequenceStore(tenant.Store);
        var manifest = (await sequences.GetManifestAsync(GeneratedTenant.Tenant, TestContext.Current.CancellationToken))!;
        var matcher = new TargetMatcher(task.Target);
        var horizon = (long)task.Labeling.Horizon.TotalMicroseconds;
        var converted = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var sequence in sequences.ReadAsync(manifest, TestContext.Current.CancellationToken))
        {
            if (Enumerable.Range(0, sequence.Length).Any(i => sequence.TimestampArray[i] > first.Run.AsOfMicros && sequence.TimestampArray[i] <= first.Run.AsOfMicros + horizon && matcher.IsTarget(sequence.UrlArray[i], sequence.EventTypeArray[i])))
            {
                converted.Add(sequence.ClientId);
            }
        }

        var expected = predictions.GroupBy(p => ScoreBuckets.Parse(p.Bucket)).OrderByDescending(g => g.Key)
            .Select(g => new BucketOutcome(g.Key, g.Count(), g.Average(p => p.Probability), g.Count(p => converted.Contains(p.ClientId)) / (double)g.Count()))
            .ToList();
        var monitoring = (await tenant.Store.TryReadJsonAsync<MonitoringReport>(Assert.Single(report.MonitoringReports), Clickcast.Storage.ClickcastJson.Options, TestContext.Current.CancellationToken))!;
        Assert.Equal(expected, monitoring.Buckets);
        Assert.Equal(predictions.Average(p => p.Probability), monitoring.ExpectedRate);
        Assert.Equal(predictions.Count(p => converted.Contains(p.ClientId)) / (double)predictions.Count, monitoring.ActualRate);
        Assert.Contains(monitoring.Buckets, b => b.ActualRate > 0);
    }

    [Fact]
    public async Task ScoreAsync_KeepsThePsiOfTheCurrentScoresAgainstTheFirstRunOfTheModelVersion()
    {
        await using var scoring = await ScoringFixture.StartAsync();
        var (tenant, task, model, scorer) = scoring;
        var first = await scorer.ScoreAsync(task.ScoringRequest(GeneratedTenant.Tenant), model, 1, "run-1", TestContext.Current.CancellationToken);
        var reference = (await ReadAsync(tenant, first.Run!.PredictionsKey)).Select(p => p.Probability).ToList();
        await tenant.AddLastDayAsync();

        var second = await scorer.ScoreAsync(task.ScoringRequest(GeneratedTenant.Tenant), model, 1, "run-2", TestContext.Current.CancellationToken);

        Assert.Equal(0, first.Run.Psi!.Value, 2);
        var current = (await ReadAsync(tenant, Scorer.CurrentKey(GeneratedTenant.Tenant, task.Id))).Select(p => p.Probability);
        var expected = PopulationStability.Of(ScoreDistribution.Of(reference), current);
        Assert.NotNull(expected);
        Assert.Equal(expected.Value, second.Run!.Psi!.Value, 2);
        var state = await scorer.GetStateAsync(GeneratedTenant.Tenant, task.Id, TestContext.Current.CancellationToken);
        Assert.Equal([first.Run.Psi, second.Run.Psi], state!.Runs.Select(r => r.Psi));
    }
}
