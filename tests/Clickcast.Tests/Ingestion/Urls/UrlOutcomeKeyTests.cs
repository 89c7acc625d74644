using System.Text;
using Clickcast.Ingestion.Urls;

namespace Clickcast.Tests.Ingestion.Urls;

/// <summary>The part of a URL that decides its outcome, the same whether measured in characters or in UTF-8 bytes.</summary>
public sealed class UrlOutcomeKeyTests
{
    [Theory]
    [InlineData("https://shop.example.com/p/1?gclid=3f2a", true, 64, "https://shop.example.com/p/1?")]
    [InlineData("https://shop.example.com/p/1#reviews", true, 64, "https://shop.example.com/p/1#")]
    [InlineData("https://shop.example.com/p/1#a?b=c", true, 64, "https://shop.example.com/p/1#")]
    [InlineData("https://shop.example.com/p/1?", true, 64, "https://shop.example.com/p/1?")]
    [InlineData("https://shop.example.com/p/1", true, 64, "https://shop.example.com/p/1")]
    [InlineData("https://shop.example.com/p/1?gclid=3f2a", false, 64, "https://shop.example.com/p/1?gclid=3f2a")]
    [InlineData("https://bücher.example/straße?gclid=1", true, 64, "https://bücher.example/straße?")]
    [InlineData("https://a.example/p?x=123456", true, 28, "https://a.example/p?")]
    [InlineData("https://a.example/p?x=1234567", true, 28, "https://a.example/p?x=1234567")]
    public void Length_CharsAndUtf8_GiveTheSamePrefix(string url, bool prefixDecides, int maxLength, string expected)
    {
        var key = new UrlOutcomeKey(prefixDecides, maxLength);
        var utf8 = Encoding.UTF8.GetBytes(url);

        Assert.Equal(expected, url[..key.Length(url)]);
        Assert.Equal(expected, Encoding.UTF8.GetString(utf8, 0, key.Length(utf8)));
    }

    [Fact]
    public void Length_Utf8LongerThanTheLimitThoughItsCharactersAreNot_IsTheWholeValue()
    {
        // 27 characters, 29 bytes: the bytes alone cannot tell it is within the limit, so the whole value decides.
        const string Url = "https://ä.example/ö?x=12345";
        var key = new UrlOutcomeKey(true, 27);
        var utf8 = Encoding.UTF8.GetBytes(Url);

        Assert.Equal("https://ä.example/ö?", Url[..key.Length(Url)]);
        Assert.Equal(utf8.Length, key.Length(utf8));
    }

    [Fact]
    public void WholeValue_NeverAPrefix() =>
        Assert.Equal(20, UrlOutcomeKey.WholeValue.Length("https://a.example/?x"));
}
