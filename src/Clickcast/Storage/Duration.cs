using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Clickcast.Storage;

/// <summary>
/// Durations as people write them, everywhere a setting or definition takes one: <c>7d</c>, <c>12h</c>, <c>30m</c>,
/// <c>90s</c>, <c>2w</c>, or a TimeSpan <c>d.hh:mm:ss</c> (<c>7.00:00:00</c>). Written back as <c>d.hh:mm:ss</c>.
/// </summary>
public static class Duration
{
    /// <summary>What a duration looks like, for error messages.</summary>
    public const string Expected = "a duration: a number with d, h, m or s (7d, 12h, 30m, 90s) or d.hh:mm:ss (7.00:00:00)";

    /// <summary>Reads <paramref name="text"/> as a duration.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var unit = char.ToLowerInvariant(text[^1]);
        if (char.IsAsciiLetter(unit))
        {
            var ticksPerUnit = unit switch
            {
                'w' => TimeSpan.TicksPerDay * 7,
                'd' => TimeSpan.TicksPerDay,
                'h' => TimeSpan.TicksPerHour,
                'm' => TimeSpan.TicksPerMinute,
                's' => TimeSpan.TicksPerSecond,
                _ => 0,
            };
            if (ticksPerUnit == 0
                || !double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
                || !double.IsFinite(amount)
                || amount * ticksPerUnit >= TimeSpan.MaxValue.Ticks)
            {
                return false;
            }

            value = TimeSpan.FromTicks((long)Math.Round(amount * ticksPerUnit));
            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Reads <paramref name="text"/> as a duration, or throws a <see cref="FormatException"/> that quotes it.</summary>
    public static TimeSpan Parse(string? text) => TryParse(text, out var value)
        ? value
        : throw new FormatException($"'{text}' is not {Expected}.");

    /// <summary>The invariant <c>d.hh:mm:ss</c> form every reader accepts.</summary>
    public static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
