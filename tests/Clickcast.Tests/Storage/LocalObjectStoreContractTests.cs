using Clickcast.Storage;

namespace Clickcast.Tests.Storage;

public sealed class LocalObjectStoreContractTests : ObjectStoreContractTests, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "clickcast-tests-" + Guid.NewGuid().ToString("N"));

    public LocalObjectStoreContractTests() => Store = new LocalObjectStore(_root);

    protected override IObjectStore Store { get; }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
