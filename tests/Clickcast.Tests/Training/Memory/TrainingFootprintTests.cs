using Clickcast.Events;
using Clickcast.Labels;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Tests.Support;
using Clickcast.Training;
using Clickcast.Training.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Training.Memory;

/// <summary>model.trainingMemoryMiB charges what training holds per client: chains, judging and the largest family's features.</summary>
public sealed class TrainingFootprintTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly LocalObjectStore _store;

    public TrainingFootprintTests() => _store = new LocalObjectStore(_folder.Path);

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // Per client: chains 160 + judging 48 + the family's (logistic regression 13 + 4 × 120 dense columns = 493;
    // LightGBM 5 × (120 + 64 top tokens) + 32 = 952; GRU 192); per event: chains 16, plus per window event the
    // logistic regression's 16 (a token and a pair) or the GRU's 32; best-of takes the largest of each part.
    [Theory]
    [InlineData(ModelFamilyChoice.LogisticRegression, 40.0, 1_981.0)]
    [InlineData(ModelFamilyChoice.LightGbm, 40.0, 1_800.0)]
    [InlineData(ModelFamilyChoice.Gru, 40.0, 2_320.0)]
    [InlineData(ModelFamilyChoice.BestOf, 40.0, 3_080.0)]
    [InlineData(ModelFamilyChoice.LogisticRegression, 1_000.0, 19_901.0)] // the window stops at 200 events
    public void Of_ChargesChainsJudgingAndTheLargestFamily(ModelFamilyChoice family, double meanEvents, double expected) =>
        Assert.Equal(expected, TrainingFootprint.Of(new ModelSettings { Family = family }).BytesPerClient(meanEvents));

    [Fact]
    public void Of_ChargesMoreThanTheChainsAlone()
    {
        foreach (var family in Enum.GetValues<ModelFamilyChoice>())
        {
            Assert.True(TrainingFootprint.Of(new ModelSettings { Family = family }).BytesPerClient(40) > SampleFootprint.Chains.BytesPerClient(40) * 2, family.ToString());
        }
    }

    // 1 MiB of logistic-regression clients of 40 stored events (1,981 bytes each): 529.
    [Theory]
    [InlineData(1, 0, 100_000L, 529, true)]
    [InlineData(1, 0, 1_000L, 529, true)]
    [InlineData(1, 0, 400L, 529, false)]       // below the bound: not lowered, all 400 are read
    [InlineData(0, 0, 100_000L, 2_000_000, false)] // no budget: the cap
    [InlineData(1024, 0, 2_500_000L, 542_020, true)]
    [InlineData(1024, 1_000, 2_500_000L, 1_000, false)] // the cap is lower
    public void SampleSize_FitsTheBudget(int memoryMiB, int maxClients, long clients, int expected, bool lowered)
    {
        var settings = new ModelSettings { Family = ModelFamilyChoice.LogisticRegression, TrainingMemoryMiB = memoryMiB };
        if (maxClients > 0)
        {
            settings.MaxTrainingClients = maxClients;
        }

        var size = TrainingFootprint.SampleSize(settings, Manifest(clients, clients * 40));

        Assert.Equal(expected, size.Clients);
        Assert.Equal(lowered, size.Lowered);
        Assert.Equal(1_981.0, size.BytesPerClient);
    }

    [Theory]
    [InlineData(ModelFamilyChoice.Gru, true)]
    [InlineData(ModelFamilyChoice.BestOf, true)]
    [InlineData(ModelFamilyChoice.LogisticRegression, false)]
    [InlineData(ModelFamilyChoice.LightGbm, false)]
    public void Of_ChargesTheGrusWeightsAndBatchOnce(ModelFamilyChoice family, bool trainsTheGru)
    {
        var settings = new ModelSettings { Family = family };

        Assert.Equal(trainsTheGru ? GruFootprint.FixedBytes(settings, 2) : 0, TrainingFootprint.Of(settings, processorCount: 2).FixedBytes);
    }

    [Fact]
    public void SampleSize_Gru_ReadsTheClientsThatFitBesideItsWeightsAndBatch()
    {
        var settings = new ModelSettings { Family = ModelFamilyChoice.Gru };

        var size = TrainingFootprint.SampleSize(settings, Manifest(2_500_000, 100_000_000));

        var expected = (int)Math.Floor(((1024.0 * 1024 * 1024) - GruFootprint.FixedBytes(settings, Environment.ProcessorCount)) / 2_320.0);
        Assert.Equal(expected, size.Clients);
        Assert.True(size.Clients < 463_000, size.Clients.ToString(System.Globalization.CultureInfo.InvariantCulture)); // 1 GiB / 2,320 bytes without them
    }

    [Fact]
    public async Task SampleSize_LargerTenants_TrainOnTheSameBoundedSample()
    {
        var settings = new ModelSettings { Family = ModelFamilyChoice.LogisticRegression, TrainingMemoryMiB = 1 };
        var small = await BuildAsync("small", clients: 800);
        var large = await BuildAsync("large", clients: 3_000);
        var larger = await BuildAsync("larger", clients: 6_000);

        var read = new List<int>();
        foreach (var manifest in new[] { small, large, larger })
        {
            var size = TrainingFootprint.SampleSize(settings, manifest);
            var dataset = await DatasetBuilder.BuildAsync(
                TrainingSample.ReadAsync(new SequenceStore(_store), manifest, size.Clients, Token),
                new TargetDefinition { UrlPattern = "example.com/checkout" },
                new LabelingOptions { Cutoff = DateTimeOffset.FromUnixTimeMilliseconds(TestSequences.Day(3) / 1000), Horizon = TimeSpan.FromDays(7) },
                manifest.LatestEventMicros,
                cancellationToken: Token);
            read.Add(dataset.Examples.Count);
        }

        // 2 events a client: 160 + 48 + 493 + 2 × (16 + 16) = 765 bytes, so 1 MiB holds 1,370 clients.
        Assert.Equal([800, 1_370, 1_370], read);
    }

    private static SequenceManifest Manifest(long clients, long events) => new()
    {
        Segments = [new SegmentInfo("s", SegmentKind.Base, 1, clients, events, 0, ulong.MaxValue)],
    };

    private async Task<SequenceManifest> BuildAsync(string tenant, int clients)
    {
        const int Shards = 4;
        var events = Enumerable.Range(0, clients)
            .SelectMany(i => new[]
            {
                new ClickEvent("c" + i, TestSequences.Day(1) + i, "example.com/" + (i % 7), "page_view"),
                new ClickEvent("c" + i, TestSequences.Day(4) + i, i % 3 == 0 ? "example.com/checkout" : "example.com/home", "page_view"),
            })
            .ToList();
        foreach (var shard in events.GroupBy(e => ClientShard.Of(e.ClientId, Shards)))
        {
            await EventFiles.WriteAsync(_store, tenant, "date=2026-11-01/" + EventFileKey.ShardFolder(shard.Key, Shards) + "/a.parquet", [.. shard]);
        }

        await new SequenceBuilder(_store, new FakeTimeProvider(), NullLogger<SequenceBuilder>.Instance).UpdateAsync(tenant, Shards, new SequenceOptions(), cancellationToken: Token);
        return (await new SequenceStore(_store).GetManifestAsync(tenant, Token))!;
    }
}
