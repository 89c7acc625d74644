using Clickcast.Ingestion.Urls;
using Clickcast.Tenants;

namespace Clickcast.Tests.Tenants;

public sealed class DefinitionJsonTests
{
    [Fact]
    public void TryRead_UnknownKeyInTheMapping_NamesTheKeyWhereItIsAndTheValidKeys()
    {
        const string json = """
            {
              "id": "acme",
              "ingest": { "mapping": { "clientId": "profile.cid", "timeField": "ts" } }
            }
            """;

        Assert.False(DefinitionJson.TryRead<TenantDefinition>(json, out _, out var error));

        Assert.Contains("unknown key 'timeField'", error, StringComparison.Ordinal);
        Assert.Contains("ingest.mapping", error, StringComparison.Ordinal);
        Assert.Contains("clientId, timestamp, url, urlKind, columns, eventType, referrer, userAgent, time", error, StringComparison.Ordinal);
        Assert.Contains("line 3", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_UnknownTopLevelKey_IsAnError()
    {
        Assert.False(DefinitionJson.TryRead<TenantDefinition>("""{ "id": "acme", "ingestion": {} }""", out _, out var error));

        Assert.Contains("unknown key 'ingestion' in the top level", error, StringComparison.Ordinal);
        Assert.Contains("ingest", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_UnknownKeyInsideATask_NamesTheTaskPath()
    {
        Assert.False(DefinitionJson.TryRead<TenantDefinition>("""{ "id": "acme", "tasks": [ { "id": "t", "target": { "url": "x" } } ] }""", out _, out var error));

        Assert.Contains("unknown key 'url' in tasks[0].target", error, StringComparison.Ordinal);
        Assert.Contains("urlPattern", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_EnumValueThatDoesNotExist_ListsTheValidValues()
    {
        Assert.False(DefinitionJson.TryRead<TenantDefinition>("""{ "id": "acme", "ingest": { "urls": { "level": "Paths" } } }""", out _, out var error));

        Assert.Contains("ingest.urls.level", error, StringComparison.Ordinal);
        Assert.Contains("RegistrableDomain, Host, Path", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_EnumAsANumber_IsRefused()
    {
        Assert.False(DefinitionJson.TryRead<TenantDefinition>("""{ "id": "acme", "ingest": { "urls": { "level": 7 } } }""", out _, out var error));

        Assert.Contains("RegistrableDomain, Host, Path", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_ValidDefinitionWithCommentsAndAnyCase_Reads()
    {
        const string json = """
            {
              // Nested Avro: the client id is inside 'profile'.
              "id": "acme",
              "ingest": { "mapping": { "ClientId": "profile.cid" }, "urls": { "level": "Path", "pathSegments": 2 } },
            }
            """;

        Assert.True(DefinitionJson.TryRead<TenantDefinition>(json, out var tenant, out var error), error);

        Assert.Equal("profile.cid", tenant.Ingest.Mapping.ClientId);
        Assert.Equal(UrlLevel.Path, tenant.Ingest.Urls.Level);
        Assert.Equal(2, tenant.Ingest.Urls.PathSegments);
    }
}
