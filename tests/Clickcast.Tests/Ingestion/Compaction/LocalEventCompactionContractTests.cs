using Clickcast.Storage;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Ingestion.Compaction;

public sealed class LocalEventCompactionContractTests : EventCompactionContractTests, IDisposable
{
    private readonly TempFolder _folder = new();

    public LocalEventCompactionContractTests() => Store = new LocalObjectStore(_folder.Path);

    protected override IObjectStore Store { get; }

    public void Dispose() => _folder.Dispose();
}
