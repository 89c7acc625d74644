using Clickcast.Storage;

namespace Clickcast.Tests.Storage;

public sealed class ObjectKeyTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("tenants/acme/raw/2026-11-26/events.avro")]
    [InlineData("a/.hidden/b")]
    public void IsValid_RelativeSegments_True(string key) => Assert.True(ObjectKey.IsValid(key));

    [Theory]
    [InlineData("")]
    [InlineData("/abs")]
    [InlineData("trailing/")]
    [InlineData("a//b")]
    [InlineData("a/../b")]
    [InlineData("./a")]
    [InlineData("a\\b")]
    [InlineData("a\nb")]
    public void IsValid_BadKeys_False(string key) => Assert.False(ObjectKey.IsValid(key));

    [Fact]
    public void IsValid_KeyLongerThanLimit_False() => Assert.False(ObjectKey.IsValid(new string('k', ObjectKey.MaxLength + 1)));

    [Fact]
    public void Combine_TrimsSeparatorsAndSkipsEmpty() =>
        Assert.Equal("tenants/acme/raw/x.csv", ObjectKey.Combine("tenants/", "/acme", "", "raw/", "x.csv"));
}
