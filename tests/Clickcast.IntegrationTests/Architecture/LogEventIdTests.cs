using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Clickcast.IntegrationTests.Architecture;

/// <summary>
/// Every <c>[LoggerMessage]</c> of every Clickcast assembly has its own event id, so an operator can filter or alert
/// on one id and get one kind of line. The ids are grouped by stage: 1xxx ingest, 2xxx sequences, 30xx training,
/// 31xx the Torch project, 35xx registry, 4xxx scoring, 5xxx export, 60xx jobs, 70xx pipeline, 71xx triggers,
/// 80xx metadata, 9xxx the server.
/// </summary>
public sealed class LogEventIdTests
{
    private static readonly Assembly[] Assemblies =
    [
        typeof(Clickcast.Storage.ObjectKey).Assembly,
        typeof(Clickcast.Torch.GruTrainer).Assembly,
        typeof(Clickcast.Server.ClickcastServer).Assembly,
        typeof(Clickcast.Cli.ClickcastCli).Assembly,
    ];

    [Fact]
    public void LoggerMessages_EventIds_AreUniqueAcrossTheSolution()
    {
        var messages = LoggerMessages().ToList();

        var reused = messages.GroupBy(m => m.Id).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}").ToList();

        Assert.True(messages.Count > 50, $"Found only {messages.Count} [LoggerMessage] methods: the scan is broken.");
        Assert.True(reused.Count == 0, "Event ids used by more than one message:\n" + string.Join("\n", reused));
    }

    [Fact]
    public void LoggerMessages_EventIds_ArePositive()
    {
        Assert.All(LoggerMessages(), m => Assert.True(m.Id > 0, $"{m.Method} has no event id"));
    }

    private static IEnumerable<(int Id, string Method)> LoggerMessages() =>
        from assembly in Assemblies
        from type in assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
        let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
        where attribute is not null
        select (attribute.EventId, $"{type.FullName}.{method.Name}");
}
