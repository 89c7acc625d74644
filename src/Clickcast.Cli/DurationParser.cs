using Clickcast.Storage;

namespace Clickcast.Cli;

/// <summary>Durations on the command line, as in settings and JSON: <c>7d</c>, <c>12h</c>, <c>30m</c>, <c>90s</c>, or <c>d.hh:mm:ss</c>.</summary>
internal static class DurationParser
{
    public static TimeSpan Parse(string text) => Duration.TryParse(text, out var value)
        ? value
        : throw new CliException($"'{text}' is not {Duration.Expected}");
}
