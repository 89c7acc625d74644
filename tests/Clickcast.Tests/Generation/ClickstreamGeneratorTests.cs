using System.Security.Cryptography;
using Clickcast.Generation;
using Clickcast.Tests.Support;

namespace Clickcast.Tests.Generation;

public sealed class ClickstreamGeneratorTests
{
    private static GeneratorOptions Small(int seed = 1) => new() { Clients = 500, Days = 5, Seed = seed };

    [Fact]
    public void Write_SameOptionsTwice_SameBytes()
    {
        using var a = new TempFolder();
        using var b = new TempFolder();

        var first = ClickstreamFiles.Write(Small(), a.Path).Files;
        var second = ClickstreamFiles.Write(Small(), b.Path).Files;

        Assert.Equal(first.Select(Path.GetFileName), second.Select(Path.GetFileName));
        Assert.Equal(first.Select(f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))), second.Select(f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))));
    }

    [Fact]
    public void Write_OtherSeed_OtherData()
    {
        using var a = new TempFolder();
        using var b = new TempFolder();

        var first = ClickstreamFiles.Write(Small(1), a.Path).Files;
        var second = ClickstreamFiles.Write(Small(2), b.Path).Files;

        Assert.NotEqual(File.ReadAllBytes(first[0]), File.ReadAllBytes(second[0]));
    }

    [Fact]
    public void Generate_HasTheShapeOfRealClickstream()
    {
        var events = new List<GeneratedClick>();
        new ClickstreamGenerator(new GeneratorOptions { Clients = 2_000, Days = 14, Seed = 4 }).Generate(events.Add);

        var perClient = events.Where(e => e.ClientId.Length > 0).GroupBy(e => e.ClientId).Select(g => g.Count()).Order().ToArray();
        var pages = events.GroupBy(e => e.Url).Select(g => g.Count()).OrderDescending().ToArray();

        // Heavy tails: the busiest clients and pages dwarf the median ones.
        Assert.True(perClient[^1] > 10 * perClient[perClient.Length / 2], $"max {perClient[^1]}, median {perClient[perClient.Length / 2]}");
        Assert.True(pages[0] > 20 * pages[pages.Length / 2]);
        Assert.Contains(events, e => e.UserAgent.Contains("bot", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(events, e => e.ClientId.Length == 0);
        Assert.Contains(events, e => e.Url.Contains("utm_source", StringComparison.Ordinal));
        var converted = events.Where(e => e.EventType == "purchase").Select(e => e.ClientId).Distinct().Count();
        Assert.InRange(converted / 2_000.0, 0.01, 0.5);

        // Each client's events are in time order.
        Assert.All(events.GroupBy(e => e.ClientId).Where(g => g.Key.Length > 0), g => Assert.True(g.Select(e => e.TimestampMillis).SequenceEqual(g.Select(e => e.TimestampMillis).Order())));
    }
}
