using Clickcast.Generation;
using Clickcast.Ingestion;
using Clickcast.Ingestion.Urls;
using Clickcast.Sequences;
using Clickcast.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clickcast.Tests.Support;

/// <summary>
/// A tenant built from the synthetic generator through the real ingest and sequence builder, once per test class
/// (xunit class fixture). All but the last day are in; <see cref="AddLastDayAsync"/> lands the last one.
/// </summary>
public sealed class GeneratedTenant : IAsyncLifetime
{
    public const string Tenant = "gen";
    public const string Target = ClickstreamGenerator.TargetUrl;

    private readonly TempFolder _folder = new();
    private IReadOnlyList<string> _files = [];

    public LocalObjectStore Store { get; private set; } = null!;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

    public static IngestOptions Ingest => new() { Urls = new UrlNormalizationOptions { Level = UrlLevel.Path, PathSegments = 1 }, MaxParallelFiles = 2 };

    public async ValueTask InitializeAsync()
    {
        Store = new LocalObjectStore(_folder.File("store"));
        var (files, _) = ClickstreamFiles.Write(new GeneratorOptions { Clients = 6_000, Days = 28, Seed = 7 }, _folder.File("avro"));
        _files = files;
        foreach (var file in files.Take(files.Count - 1))
        {
            await Store.PutFileAsync(TenantLayout.Raw(Tenant) + Path.GetFileName(file), file);
        }

        await new Ingestor(Store, Time, NullLogger<Ingestor>.Instance).IngestAsync(Tenant, Ingest);
        await new SequenceBuilder(Store, Time, NullLogger<SequenceBuilder>.Instance).UpdateAsync(Tenant, new SequenceOptions());
    }

    public async Task AddLastDayAsync()
    {
        await Store.PutFileAsync(TenantLayout.Raw(Tenant) + Path.GetFileName(_files[^1]), _files[^1]);
        await new Ingestor(Store, Time, NullLogger<Ingestor>.Instance).IngestAsync(Tenant, Ingest);
        await new SequenceBuilder(Store, Time, NullLogger<SequenceBuilder>.Instance).UpdateAsync(Tenant, new SequenceOptions());
    }

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
