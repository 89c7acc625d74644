using System.Globalization;

namespace Clickcast.Cli;

/// <summary>Durations on the command line: <c>7d</c>, <c>12h</c>, <c>30m</c>, <c>45s</c>, or a TimeSpan (<c>7.00:00:00</c>).</summary>
internal static class DurationParser
{
    public static TimeSpan Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        text = text.Trim();
        var unit = char.ToLowerInvariant(text[^1]);
        if (char.IsAsciiLetter(unit) && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            return unit switch
            {
                'd' => TimeSpan.FromDays(amount),
                'h' => TimeSpan.FromHours(amount),
                'm' => TimeSpan.FromMinutes(amount),
                's' => TimeSpan.FromSeconds(amount),
                'w' => TimeSpan.FromDays(7 * amount),
                _ => throw new CliException($"'{text}' is not a duration: use a number with d, h, m or s (e.g. 7d)"),
            };
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span)
            ? span
            : throw new CliException($"'{text}' is not a duration: use a number with d, h, m or s (e.g. 7d), or d.hh:mm:ss");
    }
}
