using System.Text.Json;
using Clickcast.Storage;
using Microsoft.Extensions.Configuration;

namespace Clickcast.Tests.Storage;

public sealed class DurationTests
{
    public static TheoryData<string, TimeSpan> Durations => new()
    {
        { "7d", TimeSpan.FromDays(7) },
        { "12h", TimeSpan.FromHours(12) },
        { "30m", TimeSpan.FromMinutes(30) },
        { "90s", TimeSpan.FromSeconds(90) },
        { "1.5h", TimeSpan.FromMinutes(90) },
        { "7.00:00:00", TimeSpan.FromDays(7) },
        { "00:00:20", TimeSpan.FromSeconds(20) },
        { "1.02:03:04", new TimeSpan(1, 2, 3, 4) },
    };

    [Theory]
    [MemberData(nameof(Durations))]
    public void TryParse_EveryForm_ReadsTheDuration(string text, TimeSpan expected)
    {
        Assert.True(Duration.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("7x")]
    [InlineData("d")]
    [InlineData("")]
    [InlineData("1e400d")]
    [InlineData("99999999999d")]
    [InlineData("-3d")]
    public void TryParse_NotADuration_IsFalse(string text) => Assert.False(Duration.TryParse(text, out _));

    [Theory]
    [MemberData(nameof(Durations))]
    public void ClickcastJson_EveryForm_ReadsTheDuration(string text, TimeSpan expected)
    {
        var read = JsonSerializer.Deserialize<Holder>($$"""{"interval": "{{text}}", "optional": "{{text}}"}""", ClickcastJson.Options)!;
        Assert.Equal(expected, read.Interval);
        Assert.Equal(expected, read.Optional);
    }

    [Fact]
    public void ClickcastJson_Write_KeepsTheTimeSpanForm()
    {
        var json = JsonSerializer.Serialize(new Holder { Interval = TimeSpan.FromDays(7) }, ClickcastJson.Options);
        Assert.Equal("""{"interval":"7.00:00:00"}""", json);
    }

    [Fact]
    public void ClickcastJson_BadDuration_NamesThePathAndTheValue()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Holder>("""{"interval": "7x"}""", ClickcastJson.Options));
        Assert.Equal("$.interval", error.Path);
        Assert.Contains("'7x'", error.Message, StringComparison.Ordinal);
        Assert.Contains("7d", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Durations))]
    public void ConfigurationBinding_EveryForm_ReadsTheDuration(string text, TimeSpan expected)
    {
        DurationTypeConverter.Register();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Interval"] = text, ["Optional"] = text })
            .Build();
        var bound = configuration.Get<Holder>()!;
        Assert.Equal(expected, bound.Interval);
        Assert.Equal(expected, bound.Optional);
    }

    [Fact]
    public void ConfigurationBinding_BadDuration_SaysWhichSetting()
    {
        DurationTypeConverter.Register();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Jobs:Interval"] = "soon" })
            .Build();
        var error = Assert.Throws<InvalidOperationException>(() => configuration.GetSection("Jobs").Get<Holder>());
        Assert.Contains("Jobs:Interval", error.Message, StringComparison.Ordinal);
        Assert.Contains("'soon'", error.InnerException?.Message, StringComparison.Ordinal);
    }

    private sealed class Holder
    {
        public TimeSpan Interval { get; set; }

        public TimeSpan? Optional { get; set; }
    }
}
