using Clickcast.IntegrationTests.Support;
using Clickcast.Storage;
using Clickcast.Tests.Storage;

namespace Clickcast.IntegrationTests.Storage;

[Collection(SharedS3Server.Name)]
public sealed class S3ObjectStoreContractTests : ObjectStoreContractTests, IAsyncDisposable
{
    private readonly S3ObjectStore _store;

    // Each test gets its own key prefix in the shared bucket, so tests stay independent; two keys per listing page
    // make every listing test cross pages.
    public S3ObjectStoreContractTests(S3TestServer server) =>
        _store = server.CreateStore(keyPrefix: "contract/" + Guid.NewGuid().ToString("N"), listPageSize: 2);

    protected override IObjectStore Store => _store;

    public ValueTask DisposeAsync() => S3TestServer.EmptyAndDisposeAsync(_store);
}
