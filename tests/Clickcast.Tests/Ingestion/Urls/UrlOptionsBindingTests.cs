using System.Text;
using Clickcast.Ingestion.Urls;
using Microsoft.Extensions.Configuration;

namespace Clickcast.Tests.Ingestion.Urls;

public sealed class UrlOptionsBindingTests
{
    private static IConfiguration Json(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    [Fact]
    public void Bind_ListsInJson_ReplaceDefaults()
    {
        var options = Json("""
            {
              "Level": "Path",
              "PathSegments": 2,
              "DefaultHost": "semicomplete.com",
              "KeepQuery": true,
              "TrackingParameters": [ "ref" ],
              "TechnicalDomains": [ "tracker.example" ],
              "StrippedSubdomains": [ "www" ]
            }
            """).Get<UrlNormalizationOptions>()!;

        Assert.Equal(UrlLevel.Path, options.Level);
        Assert.Equal(["ref"], options.TrackingParameters);
        Assert.Equal(["tracker.example"], options.TechnicalDomains);
        var normalizer = new UrlNormalizer(options);
        Assert.True(normalizer.TryNormalize("/a/b/c?ref=x&utm_source=y", out var token, out _));
        Assert.Equal("semicomplete.com/a/b?utm_source=y", token);
        Assert.True(normalizer.TryNormalize("https://m.doubleclick.net/", out token, out _));
        Assert.Equal("m.doubleclick.net", token);
    }

    [Fact]
    public void Bind_ListsAbsent_KeepBuiltInDefaults()
    {
        var urls = Json("""{ "Level": "Host" }""").Get<UrlNormalizationOptions>()!;
        var bots = Json("""{ "MissingUserAgentIsBot": true }""").Get<BotFilterOptions>()!;

        Assert.Null(urls.TrackingParameters);
        Assert.Null(bots.Patterns);
        Assert.True(new BotFilter(bots).IsBot("Googlebot/2.1"));
        Assert.True(new BotFilter(bots).IsBot(null));
        Assert.False(new UrlNormalizer(urls).TryNormalize("https://stats.g.doubleclick.net/", out _, out _));
    }

    [Fact]
    public void Bind_BotPatternsInJson_ReplaceDefaults()
    {
        var options = Json("""{ "Patterns": [ "probe" ] }""").Get<BotFilterOptions>()!;
        var filter = new BotFilter(options);
        Assert.True(filter.IsBot("Internal-Probe/1.0"));
        Assert.False(filter.IsBot("Googlebot/2.1"));
    }
}
