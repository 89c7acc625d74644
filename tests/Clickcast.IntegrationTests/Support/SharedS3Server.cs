namespace Clickcast.IntegrationTests.Support;

/// <summary>The tests that share one <see cref="S3TestServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SharedS3Server : ICollectionFixture<S3TestServer>
{
    public const string Name = "S3 server";
}
