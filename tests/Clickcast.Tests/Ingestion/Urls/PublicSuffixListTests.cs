using System.Globalization;
using Clickcast.Ingestion.Urls;

namespace Clickcast.Tests.Ingestion.Urls;

public sealed class PublicSuffixListTests
{
    private const string SmallList = """
        // ===BEGIN ICANN DOMAINS===
        com
        uk
        co.uk
        *.ck
        !www.ck
        *.kawasaki.jp
        !city.kawasaki.jp
        公司.cn
        cn
        // ===END ICANN DOMAINS===
        // ===BEGIN PRIVATE DOMAINS===
        github.io
        *.compute.example.com
        // ===END PRIVATE DOMAINS===
        """;

    private static PublicSuffixList Small() => PublicSuffixList.Parse(new StringReader(SmallList));

    private static string? Registrable(PublicSuffixList list, string host, bool includePrivate = true)
    {
        var ascii = new IdnMapping().GetAscii(host.ToLowerInvariant());
        return list.TryGetRegistrableDomainStart(ascii, includePrivate, out var start) ? ascii[start..] : null;
    }

    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("a.b.example.com", "example.com")]
    [InlineData("shop.example.co.uk", "example.co.uk")]
    [InlineData("example.uk", "example.uk")]
    [InlineData("co.uk", null)]
    [InlineData("com", null)]
    [InlineData("example.unknown", "example.unknown")]
    public void TryGetRegistrableDomainStart_NormalRules_TakeOneLabelMoreThanTheLongestMatch(string host, string? expected) =>
        Assert.Equal(expected, Registrable(Small(), host));

    [Theory]
    [InlineData("b.ck", null)]
    [InlineData("a.b.ck", "a.b.ck")]
    [InlineData("x.a.b.ck", "a.b.ck")]
    [InlineData("www.ck", "www.ck")]
    [InlineData("sub.www.ck", "www.ck")]
    [InlineData("city.kawasaki.jp", "city.kawasaki.jp")]
    [InlineData("a.city.kawasaki.jp", "city.kawasaki.jp")]
    [InlineData("a.b.kawasaki.jp", "a.b.kawasaki.jp")]
    public void TryGetRegistrableDomainStart_WildcardAndException_FollowTheAlgorithm(string host, string? expected) =>
        Assert.Equal(expected, Registrable(Small(), host));

    [Theory]
    [InlineData("alice.github.io", true, "alice.github.io")]
    [InlineData("alice.github.io", false, "github.io")]
    [InlineData("github.io", true, null)]
    [InlineData("a.vm1.compute.example.com", true, "a.vm1.compute.example.com")]
    [InlineData("a.vm1.compute.example.com", false, "example.com")]
    public void TryGetRegistrableDomainStart_PrivateSection_UsedOnlyWhenAsked(string host, bool includePrivate, string? expected) =>
        Assert.Equal(expected, Registrable(Small(), host, includePrivate));

    [Theory]
    [InlineData("www.食狮.公司.cn", "食狮.公司.cn")]
    [InlineData("食狮.cn", "食狮.cn")]
    [InlineData("公司.cn", null)]
    public void TryGetRegistrableDomainStart_UnicodeRules_MatchPunycodeHosts(string host, string? expected) =>
        Assert.Equal(expected is null ? null : new IdnMapping().GetAscii(expected), Registrable(Small(), host));

    [Fact]
    public void Default_EmbeddedList_LoadsOnceWithThousandsOfRules()
    {
        Assert.Same(PublicSuffixList.Default, PublicSuffixList.Default);
        Assert.True(PublicSuffixList.Default.Count > 9_000);
    }

    // Vectors from publicsuffix.org's test file (tests/test_psl.txt), on the embedded list.
    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("b.example.com", "example.com")]
    [InlineData("a.b.example.com", "example.com")]
    [InlineData("uk.com", null)]
    [InlineData("example.uk.com", "example.uk.com")]
    [InlineData("b.example.uk.com", "example.uk.com")]
    [InlineData("test.ac", "test.ac")]
    [InlineData("mm", null)]
    [InlineData("c.mm", null)]
    [InlineData("b.c.mm", "b.c.mm")]
    [InlineData("a.b.c.mm", "b.c.mm")]
    [InlineData("jp", null)]
    [InlineData("test.jp", "test.jp")]
    [InlineData("www.test.jp", "test.jp")]
    [InlineData("ac.jp", null)]
    [InlineData("test.ac.jp", "test.ac.jp")]
    [InlineData("kyoto.jp", null)]
    [InlineData("test.kyoto.jp", "test.kyoto.jp")]
    [InlineData("ide.kyoto.jp", null)]
    [InlineData("b.ide.kyoto.jp", "b.ide.kyoto.jp")]
    [InlineData("a.b.ide.kyoto.jp", "b.ide.kyoto.jp")]
    [InlineData("c.kobe.jp", null)]
    [InlineData("b.c.kobe.jp", "b.c.kobe.jp")]
    [InlineData("a.b.c.kobe.jp", "b.c.kobe.jp")]
    [InlineData("city.kobe.jp", "city.kobe.jp")]
    [InlineData("www.city.kobe.jp", "city.kobe.jp")]
    [InlineData("ck", null)]
    [InlineData("test.ck", null)]
    [InlineData("b.test.ck", "b.test.ck")]
    [InlineData("a.b.test.ck", "b.test.ck")]
    [InlineData("www.ck", "www.ck")]
    [InlineData("www.www.ck", "www.ck")]
    [InlineData("us", null)]
    [InlineData("test.us", "test.us")]
    [InlineData("www.test.us", "test.us")]
    [InlineData("ak.us", null)]
    [InlineData("test.ak.us", "test.ak.us")]
    [InlineData("k12.ak.us", null)]
    [InlineData("test.k12.ak.us", "test.k12.ak.us")]
    [InlineData("www.test.k12.ak.us", "test.k12.ak.us")]
    [InlineData("食狮.com.cn", "食狮.com.cn")]
    [InlineData("食狮.公司.cn", "食狮.公司.cn")]
    [InlineData("www.食狮.公司.cn", "食狮.公司.cn")]
    [InlineData("shishi.公司.cn", "shishi.公司.cn")]
    [InlineData("公司.cn", null)]
    [InlineData("食狮.中国", "食狮.中国")]
    [InlineData("www.食狮.中国", "食狮.中国")]
    [InlineData("shishi.中国", "shishi.中国")]
    [InlineData("中国", null)]
    [InlineData("shop.example.co.uk", "example.co.uk")]
    [InlineData("foo.blogspot.com", "foo.blogspot.com")]
    [InlineData("alice.github.io", "alice.github.io")]
    public void TryGetRegistrableDomainStart_OfficialVectors_Pass(string host, string? expected) =>
        Assert.Equal(expected is null ? null : new IdnMapping().GetAscii(expected), Registrable(PublicSuffixList.Default, host));
}
