using System.Globalization;
using Clickcast.Labels;
using Clickcast.Pipeline;
using Clickcast.Registry;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Tests.Support;
using Clickcast.Training;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clickcast.Tests.Pipeline;

/// <summary>How a task's training job gets its pretrained encoder (PretrainingRule applied to the stored ones).</summary>
public sealed class TaskEncodersTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly RecordingPretrainer _pretrainer = new();
    private readonly TaskEncoders _encoders;

    public TaskEncodersTests() =>
        _encoders = new TaskEncoders(new EncoderStore(new LocalObjectStore(_folder.File("objects"))), [_pretrainer], NullLogger<TaskEncoders>.Instance);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NoEncoder_Builds_StoresUnderTheGeneration()
    {
        var encoder = await PrepareAsync(Task(), generation: 3, events: 1_000);

        Assert.Equal("tenants/shop/encoders/000003/", encoder?.Key);
        Assert.Equal([1_000L], _pretrainer.Calls);
        Assert.Equal("1000", await File.ReadAllTextAsync(Path.Combine(encoder!.Folder, RecordingPretrainer.FileName), Token));
    }

    [Fact]
    public async Task StoredEncoder_FewNewEvents_ReusesTheNewest_NoPretraining()
    {
        await PrepareAsync(Task(), generation: 3, events: 1_000);

        var encoder = await PrepareAsync(Task(), generation: 4, events: 1_500);

        Assert.Equal("tenants/shop/encoders/000003/", encoder?.Key);
        Assert.Equal([1_000L], _pretrainer.Calls);
        Assert.True(File.Exists(Path.Combine(encoder!.Folder, RecordingPretrainer.FileName)));
    }

    [Fact]
    public async Task StoredEncoder_EventsDoubled_Rebuilds()
    {
        await PrepareAsync(Task(), generation: 3, events: 1_000);

        var encoder = await PrepareAsync(Task(), generation: 9, events: 2_000);

        Assert.Equal("tenants/shop/encoders/000009/", encoder?.Key);
        Assert.Equal([1_000L, 2_000L], _pretrainer.Calls);
    }

    [Theory]
    [InlineData(false, ModelFamilyChoice.Gru, 5)]
    [InlineData(true, ModelFamilyChoice.LogisticRegression, 5)]
    [InlineData(true, ModelFamilyChoice.Gru, 1)]
    public async Task Disabled_NotTheGru_OrTooShortChains_NoEncoder(bool enabled, ModelFamilyChoice family, int events)
    {
        var encoder = await PrepareAsync(Task(enabled, family), generation: 1, events: 1_000, chainLength: events);

        Assert.Null(encoder);
        Assert.Empty(_pretrainer.Calls);
    }

    public void Dispose() => _folder.Dispose();

    private Task<PretrainedEncoder?> PrepareAsync(TaskDefinition task, long generation, long events, int chainLength = 5) =>
        _encoders.PrepareAsync("shop", task, Dataset(chainLength), new SequenceManifest { Generation = generation, TotalEvents = events }, _folder.File("local-" + Guid.NewGuid().ToString("N")), Token);

    private static TaskDefinition Task(bool enabled = true, ModelFamilyChoice family = ModelFamilyChoice.Gru) => new()
    {
        Id = "checkout",
        Attribute = "propensity_checkout",
        Target = new TargetDefinition { UrlPattern = "shop.example.com/checkout" },
        Model = new ModelSettings { Family = family, Pretraining = new PretrainingSettings { Enabled = enabled } },
    };

    private static LabeledDataset Dataset(int chainLength)
    {
        var examples = Enumerable.Range(0, 10).Select(c => new LabeledExample(
            "c" + c, (ulong)c, DatasetSplit.Train, c % 2 == 0,
            Enumerable.Range(0, chainLength).Select(i => "shop.example.com/p/" + i).ToArray(),
            Enumerable.Range(0, chainLength).Select(i => 1_000_000L * i).ToArray(),
            Enumerable.Repeat("page_view", chainLength).ToArray())).ToList();
        return new LabeledDataset(examples, new DatasetSummary { Mode = LabelingMode.Position, Target = "shop.example.com/checkout" });
    }

    /// <summary>Writes the events it was given as its "encoder", and records each pretraining.</summary>
    private sealed class RecordingPretrainer : IEncoderPretrainer
    {
        public const string FileName = "events.txt";

        public List<long> Calls { get; } = [];

        public void Pretrain(IReadOnlyList<LabeledExample> chains, long? cutoffMicros, ModelSettings settings, long sequenceEvents, string folder, CancellationToken cancellationToken)
        {
            Calls.Add(sequenceEvents);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, FileName), sequenceEvents.ToString(CultureInfo.InvariantCulture));
        }

        public long SequenceEventsOf(string folder) => long.Parse(File.ReadAllText(Path.Combine(folder, FileName)), CultureInfo.InvariantCulture);
    }
}
