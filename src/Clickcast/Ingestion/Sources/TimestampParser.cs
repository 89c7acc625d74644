using System.Globalization;

namespace Clickcast.Ingestion.Sources;

/// <summary>
/// Turns numeric and text time values into UTC microseconds since the Unix epoch, per <see cref="TimestampOptions"/>.
/// Values outside 1990–2200 are rejected: in clickstream they are always a unit or parsing mistake.
/// </summary>
internal sealed class TimestampParser
{
    /// <summary>1990-01-01T00:00:00Z.</summary>
    internal const long MinMicros = 631_152_000_000_000;

    /// <summary>2200-01-01T00:00:00Z.</summary>
    internal const long MaxMicros = 7_258_118_400_000_000;

    private static readonly string[] BuiltInFormats =
    [
        "dd/MMM/yyyy:HH:mm:ss zzz",
        "dd/MMM/yyyy:HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm:sszzz",
        "yyyy-MM-dd",
    ];

    private readonly EpochUnit _unit;
    private readonly string? _format;
    private readonly TimeZoneInfo _zone;

    public TimestampParser(TimestampOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _unit = options.Unit;
        _format = string.IsNullOrWhiteSpace(options.Format) ? null : options.Format;
        _zone = FindZone(options.TimeZone);
    }

    /// <summary>Parses an epoch offset in the configured unit.</summary>
    public bool TryFromEpoch(long value, out long micros)
    {
        micros = 0;
        var unit = _unit == EpochUnit.Auto ? InferUnit(value) : _unit;
        try
        {
            micros = unit switch
            {
                EpochUnit.Seconds => checked(value * 1_000_000),
                EpochUnit.Milliseconds => checked(value * 1_000),
                EpochUnit.Microseconds => value,
                EpochUnit.Nanoseconds => value / 1_000,
                _ => 0,
            };
        }
        catch (OverflowException)
        {
            return false;
        }

        return InRange(micros);
    }

    /// <summary>Parses a fractional epoch offset (e.g. seconds with decimals) in the configured unit.</summary>
    public bool TryFromEpoch(double value, out long micros)
    {
        micros = 0;
        if (!double.IsFinite(value))
        {
            return false;
        }

        var unit = _unit == EpochUnit.Auto ? InferUnit((long)Math.Clamp(value, long.MinValue, long.MaxValue)) : _unit;
        var scaled = unit switch
        {
            EpochUnit.Seconds => value * 1_000_000,
            EpochUnit.Milliseconds => value * 1_000,
            EpochUnit.Microseconds => value,
            EpochUnit.Nanoseconds => value / 1_000,
            _ => double.NaN,
        };
        if (!double.IsFinite(scaled) || scaled < MinMicros || scaled > MaxMicros)
        {
            return false;
        }

        micros = (long)Math.Round(scaled);
        return true;
    }

    /// <summary>Converts a <see cref="DateTime"/>; unspecified kinds are read in the configured time zone.</summary>
    public bool TryFromDateTime(DateTime value, out long micros)
    {
        var utc = value.Kind switch
        {
            DateTimeKind.Utc => value,
            DateTimeKind.Local => value.ToUniversalTime(),
            _ => TimeZoneInfo.ConvertTimeToUtc(value, _zone),
        };
        micros = (utc.Ticks - DateTime.UnixEpoch.Ticks) / 10;
        return InRange(micros);
    }

    /// <summary>Parses a text time: numeric text as an epoch offset, else the configured or built-in formats.</summary>
    public bool TryParse(ReadOnlySpan<char> text, out long micros)
    {
        micros = 0;
        text = text.Trim();
        if (text.IsEmpty)
        {
            return false;
        }

        if (_format is null && LooksNumeric(text))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
            {
                return TryFromEpoch(whole, out micros);
            }

            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var fractional)
                && TryFromEpoch(fractional, out micros);
        }

        if (_format is not null)
        {
            return TryParseExact(text, _format, out micros);
        }

        // ISO 8601 / RFC 3339 and RFC 1123 first: they are what CDPs write.
        const DateTimeStyles Styles = DateTimeStyles.AllowWhiteSpaces;
        if (HasOffset(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out var withOffset))
        {
            return FromOffset(withOffset, out micros);
        }

        foreach (var format in BuiltInFormats)
        {
            if (TryParseExact(text, format, out micros))
            {
                return true;
            }
        }

        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local)
            && TryFromDateTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), out micros);
    }

    private bool TryParseExact(ReadOnlySpan<char> text, string format, out long micros)
    {
        micros = 0;
        if (format.Contains('z', StringComparison.Ordinal) || format.Contains('K', StringComparison.Ordinal))
        {
            return DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var withOffset)
                && FromOffset(withOffset, out micros);
        }

        return DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local)
            && TryFromDateTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), out micros);
    }

    private static bool FromOffset(DateTimeOffset value, out long micros)
    {
        micros = (value.UtcTicks - DateTime.UnixEpoch.Ticks) / 10;
        return InRange(micros);
    }

    private static bool HasOffset(ReadOnlySpan<char> text)
    {
        if (text[^1] is 'Z' or 'z' || text.EndsWith("GMT", StringComparison.OrdinalIgnoreCase) || text.EndsWith("UTC", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // "+03:00", "-0700" after the time part.
        var tail = text.Length > 6 ? text[^6..] : text;
        return tail.IndexOfAny('+', '-') >= 0 && text.IndexOf(':') >= 0;
    }

    private static bool LooksNumeric(ReadOnlySpan<char> text)
    {
        var start = text[0] is '-' or '+' ? 1 : 0;
        if (start >= text.Length)
        {
            return false;
        }

        var dots = 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.')
            {
                dots++;
            }
            else if (c is 'e' or 'E')
            {
                continue;
            }
            else if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return dots <= 1;
    }

    /// <summary>
    /// Present-day epoch times differ by a factor of 1,000 per unit, so the magnitude tells the unit apart:
    /// seconds stay under 1e11 until the year 5138, milliseconds under 1e14, microseconds under 1e17.
    /// </summary>
    private static EpochUnit InferUnit(long value)
    {
        var magnitude = value == long.MinValue ? long.MaxValue : Math.Abs(value);
        return magnitude switch
        {
            < 100_000_000_000 => EpochUnit.Seconds,
            < 100_000_000_000_000 => EpochUnit.Milliseconds,
            < 100_000_000_000_000_000 => EpochUnit.Microseconds,
            _ => EpochUnit.Nanoseconds,
        };
    }

    private static bool InRange(long micros) => micros is >= MinMicros and <= MaxMicros;

    private static TimeZoneInfo FindZone(string id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Equals("UTC", StringComparison.OrdinalIgnoreCase) || id == "Z")
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException ex)
        {
            throw new ArgumentException($"Unknown time zone '{id}' in the time options; use an IANA id such as 'Europe/Moscow'.", nameof(id), ex);
        }
    }
}
