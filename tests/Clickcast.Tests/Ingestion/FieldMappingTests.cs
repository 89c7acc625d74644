using Clickcast.Ingestion;
using Clickcast.Ingestion.Sources;

namespace Clickcast.Tests.Ingestion;

public sealed class FieldMappingTests
{
    [Fact]
    public void TryResolve_FlatCdpLayout_DetectsAllFields()
    {
        string[] paths = ["event_id", "client_id", "ts", "event_type", "url", "referrer", "user_agent", "http_status"];
        Assert.True(FieldMapping.TryResolve(paths, new FieldMappingOptions(), out var mapping, out _));
        Assert.Equal(new ResolvedFieldMapping("client_id", "ts", "url", "event_type", "referrer", "user_agent"), mapping);
    }

    [Fact]
    public void TryResolve_NestedTrackerLayout_DetectsNestedPaths()
    {
        string[] paths = ["id", "profile.cid", "timestamp", "context.page.url", "context.page.referrer", "context.userAgent"];
        Assert.True(FieldMapping.TryResolve(paths, new FieldMappingOptions(), out var mapping, out _));
        Assert.Equal(new ResolvedFieldMapping("profile.cid", "timestamp", "context.page.url", null, "context.page.referrer", "context.userAgent"), mapping);
    }

    [Fact]
    public void TryResolve_ConfiguredPath_OverridesDetection()
    {
        string[] paths = ["visitor", "when", "where", "url"];
        var options = new FieldMappingOptions { ClientId = "visitor", Timestamp = "when", Url = "where" };
        Assert.True(FieldMapping.TryResolve(paths, options, out var mapping, out _));
        Assert.Equal("where", mapping.Url);
    }

    [Fact]
    public void TryResolve_ConfiguredPathMissing_SaysWhichAndListsFields()
    {
        string[] paths = ["client_id", "ts", "url"];
        var options = new FieldMappingOptions { Url = "context.page.url" };
        Assert.False(FieldMapping.TryResolve(paths, options, out _, out var error));
        Assert.Contains("context.page.url", error, StringComparison.Ordinal);
        Assert.Contains("client_id, ts, url", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryResolve_NoClientField_Fails()
    {
        Assert.False(FieldMapping.TryResolve(["ts", "url"], new FieldMappingOptions(), out _, out var error));
        Assert.Contains("client id", error, StringComparison.Ordinal);
    }
}
