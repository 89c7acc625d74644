using Clickcast.Ingestion;
using Clickcast.Ingestion.Sources;

namespace Clickcast.Tests.Ingestion;

public sealed class TimestampParserTests
{
    // 2015-05-17T10:05:03Z
    private const long Expected = 1_431_857_103_000_000;

    [Theory]
    [InlineData(1_431_857_103L)]
    [InlineData(1_431_857_103_000L)]
    [InlineData(1_431_857_103_000_000L)]
    [InlineData(1_431_857_103_000_000_000L)]
    public void TryFromEpoch_AutoUnit_InfersUnitFromMagnitude(long value)
    {
        var parser = new TimestampParser(new TimestampOptions());
        Assert.True(parser.TryFromEpoch(value, out var micros));
        Assert.Equal(Expected, micros);
    }

    [Fact]
    public void TryFromEpoch_ConfiguredUnit_Wins()
    {
        var parser = new TimestampParser(new TimestampOptions { Unit = EpochUnit.Milliseconds });
        Assert.True(parser.TryFromEpoch(1_431_857_103_000L, out var micros));
        Assert.Equal(Expected, micros);
        Assert.False(parser.TryFromEpoch(1_431_857_103L, out _)); // 1970 in milliseconds: out of range
    }

    [Theory]
    [InlineData("2015-05-17T10:05:03Z")]
    [InlineData("2015-05-17T13:05:03+03:00")]
    [InlineData("2015-05-17T10:05:03.000Z")]
    [InlineData("17/May/2015:10:05:03 +0000")]
    [InlineData("17/May/2015:12:05:03 +0200")]
    [InlineData("Sun, 17 May 2015 10:05:03 GMT")]
    [InlineData("2015-05-17 10:05:03")]
    [InlineData("1431857103")]
    [InlineData("1431857103.000")]
    public void TryParse_CommonTextForms_ParseToSameInstant(string text)
    {
        var parser = new TimestampParser(new TimestampOptions());
        Assert.True(parser.TryParse(text, out var micros));
        Assert.Equal(Expected, micros);
    }

    [Fact]
    public void TryParse_NoOffset_UsesConfiguredZone()
    {
        var parser = new TimestampParser(new TimestampOptions { TimeZone = "Europe/Moscow" });
        Assert.True(parser.TryParse("2015-05-17 13:05:03", out var micros));
        Assert.Equal(Expected, micros);
    }

    [Fact]
    public void TryParse_CustomFormat_IsUsed()
    {
        var parser = new TimestampParser(new TimestampOptions { Format = "dd.MM.yyyy HH:mm:ss" });
        Assert.True(parser.TryParse("17.05.2015 10:05:03", out var micros));
        Assert.Equal(Expected, micros);
        Assert.False(parser.TryParse("2015-05-17T10:05:03Z", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2015-13-45T99:00:00Z")]
    [InlineData("12")]
    [InlineData("99999999999999999999999")]
    public void TryParse_Garbage_Fails(string text)
    {
        var parser = new TimestampParser(new TimestampOptions());
        Assert.False(parser.TryParse(text, out _));
    }

    [Fact]
    public void Constructor_UnknownZone_NamesIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new TimestampParser(new TimestampOptions { TimeZone = "Mars/Olympus" }));
        Assert.Contains("Mars/Olympus", error.Message, StringComparison.Ordinal);
    }
}
