using Clickcast.IntegrationTests.Support;
using Clickcast.Storage;
using Clickcast.Tests.Ingestion.Compaction;

namespace Clickcast.IntegrationTests.Ingestion;

[Collection(SharedS3Server.Name)]
public sealed class S3EventCompactionContractTests : EventCompactionContractTests, IAsyncDisposable
{
    private readonly S3ObjectStore _store;

    public S3EventCompactionContractTests(S3TestServer server) =>
        _store = server.CreateStore(keyPrefix: "compaction/" + Guid.NewGuid().ToString("N"), listPageSize: 3);

    protected override IObjectStore Store => _store;

    public ValueTask DisposeAsync() => S3TestServer.EmptyAndDisposeAsync(_store);
}
