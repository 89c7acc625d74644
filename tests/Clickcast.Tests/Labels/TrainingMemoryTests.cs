using Clickcast.Labels;
using Clickcast.Tenants;
using Clickcast.Tests.Support;
using Clickcast.Tests.Tenants;

namespace Clickcast.Tests.Labels;

/// <summary>model.trainingMemoryMiB: the byte budget that lowers the sample, as a pure function over the manifest's counts.</summary>
public sealed class TrainingMemoryTests
{
    private const int MiB = 1024 * 1024;

    // perClient = 160 + 16 × events per client: 40 events → 800 bytes, 1 MiB → 1,310 clients.
    [Theory]
    [InlineData(2_000_000, 0, 2_500_000L, 100_000_000L, 2_000_000)]      // no budget: the cap alone
    [InlineData(2_000_000, 1024, 2_500_000L, 100_000_000L, 1_342_177)]   // 1 GiB of 800-byte clients
    [InlineData(2_000_000, 1024, 250_000L, 10_000_000L, 1_342_177)]      // the same mean: the same bound, above the clients there are
    [InlineData(1_000, 1024, 2_500_000L, 100_000_000L, 1_000)]           // the cap is lower than the budget
    [InlineData(2_000_000, 1, 2_500_000L, 100_000_000L, 1_310)]
    [InlineData(2_000_000, 1, 10L, 1_000_000_000L, 1)]                   // a budget below one client still reads one
    [InlineData(2_000_000, 1024, 0L, 0L, 2_000_000)]                     // no clients: nothing to lower
    public void ClientsWithin_LowersTheCapToTheClientsWhoseChainsFit(int maxClients, int memoryMiB, long clients, long storedEvents, int expected) =>
        Assert.Equal(expected, TrainingSample.ClientsWithin(maxClients, memoryMiB, clients, storedEvents, SampleFootprint.Chains));

    [Fact]
    public void ClientsWithin_TheClientsItGivesFitTheBudgetAtTheStatedBytes()
    {
        var clients = TrainingSample.ClientsWithin(int.MaxValue, 256, 1_000_000, 37_000_000, SampleFootprint.Chains);

        var bytes = clients * (ExampleChains.BytesPerClient + (ExampleChains.BytesPerEvent * 37.0));
        Assert.InRange(bytes, (256.0 * MiB) - 1_000, 256.0 * MiB);
    }

    // 100 bytes per client, 10 per event, 1 per window event up to 50 events.
    [Theory]
    [InlineData(0.0, 100.0)]
    [InlineData(10.0, 210.0)]
    [InlineData(50.0, 650.0)]
    [InlineData(1_000.0, 10_150.0)] // the window stops at 50 events, the chain does not
    public void BytesPerClient_AddsTheWindowUpToItsLength(double meanEvents, double expected) =>
        Assert.Equal(expected, new SampleFootprint(100, 10, 1, 50).BytesPerClient(meanEvents));

    // 1 MiB = 1,048,576 bytes over 100 + 10 × 40 + 1 × 40 = 540 bytes a client: 1,941.
    [Theory]
    [InlineData(1, 100_000L, 4_000_000L, 1_941)]
    [InlineData(1, 10_000L, 400_000L, 1_941)]  // ten times fewer clients of the same length: the same bound
    [InlineData(1, 1_000L, 40_000L, 1_941)]    // below the bound: the cap, all there are read anyway
    [InlineData(2, 100_000L, 4_000_000L, 3_883)]
    public void ClientsWithin_ChargesTheWholeFootprint(int memoryMiB, long clients, long storedEvents, int expected) =>
        Assert.Equal(expected, TrainingSample.ClientsWithin(2_000_000, memoryMiB, clients, storedEvents, new SampleFootprint(100, 10, 1, 50)));

    // 1 MiB less the bytes held once, over 540 bytes a client: 524,288 fixed leave 970 clients; a fixed part over the
    // budget still reads one client.
    [Theory]
    [InlineData(0.0, 1_941)]
    [InlineData(524_288.0, 970)]
    [InlineData(2_000_000.0, 1)]
    public void ClientsWithin_ChargesTheFixedBytesBeforeTheClients(double fixedBytes, int expected) =>
        Assert.Equal(expected, TrainingSample.ClientsWithin(2_000_000, 1, 100_000L, 4_000_000L, new SampleFootprint(100, 10, 1, 50) { FixedBytes = fixedBytes }));

    [Fact]
    public void TrainingMemoryMiB_DefaultsToOneGiB() => Assert.Equal(1_024, new Clickcast.Training.ModelSettings().TrainingMemoryMiB);

    [Theory]
    [InlineData(-1)]
    [InlineData(1_048_577)]
    public void Validate_OutOfRangeTrainingMemory_IsRefusedWithItsPath(int value)
    {
        var tenant = TenantLimitsTests.Tenant();
        tenant.Tasks[0].Model.TrainingMemoryMiB = value;

        var problems = DefinitionValidator.Validate(tenant);

        Assert.Contains(problems, p => p.StartsWith("tasks[0].model", StringComparison.Ordinal) && p.Contains("TrainingMemoryMiB", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void DatasetBuilder_PoolsEveryExamplesChainInOneStore()
    {
        var sequences = Enumerable.Range(0, 500)
            .Select(i => TestSequences.Of($"c{i}", (1, "shop.com/a", "page_view"), (2, $"shop.com/p{i % 7}", "cart"), (3, "shop.com/b", "page_view")))
            .ToList();

        var dataset = DatasetBuilder.Build(sequences, new TargetDefinition { UrlPattern = "shop.com/checkout" }, new LabelingOptions
        {
            Cutoff = DateTimeOffset.FromUnixTimeMilliseconds(TestSequences.Day(5) / 1000),
            Horizon = TimeSpan.FromDays(7),
        });

        var stores = dataset.Examples.Select(e => e.Chain.Store).Distinct().ToList();
        var store = Assert.Single(stores);
        Assert.Equal(1, store.ChunkCount);
        Assert.Equal(1_500, store.Events);
        Assert.Equal(11, store.Strings.Count); // 9 distinct URLs and 2 types, each once
        var example = dataset.Examples[3];
        Assert.Equal(["shop.com/a", "shop.com/p3", "shop.com/b"], example.Urls);
        Assert.Equal(["page_view", "cart", "page_view"], example.EventTypes);
        Assert.Equal(sequences[3].TimestampsMicros, example.TimesMicros);
    }
}
