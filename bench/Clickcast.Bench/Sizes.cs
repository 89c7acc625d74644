using System.Globalization;

namespace Clickcast.Bench;

/// <summary>Sizes and durations as the benchmarks' options take them and their tables print them.</summary>
public static class Sizes
{
    /// <summary>"20M", "1.5B", "500K" or a plain count.</summary>
    public static long Parse(string text) => text.ToUpperInvariant() switch
    {
        var t when t.EndsWith('B') => (long)(double.Parse(t[..^1], CultureInfo.InvariantCulture) * 1_000_000_000),
        var t when t.EndsWith('M') => (long)(double.Parse(t[..^1], CultureInfo.InvariantCulture) * 1_000_000),
        var t when t.EndsWith('K') => (long)(double.Parse(t[..^1], CultureInfo.InvariantCulture) * 1_000),
        var t => long.Parse(t, CultureInfo.InvariantCulture),
    };

    /// <summary>A count as Parse reads it: "20M", "1B".</summary>
    public static string Label(long size) => size >= 1_000_000_000 ? $"{size / 1e9:0.#}B" : size >= 1_000_000 ? $"{size / 1_000_000.0:0.#}M" : $"{size / 1000.0:0.#}K";

    /// <summary>Bytes as decimal megabytes.</summary>
    public static string Mb(long bytes) => $"{bytes / 1e6:N0} MB";

    /// <summary>KiB (GNU time's and /proc's unit) as MiB.</summary>
    public static string Mib(long kib) => $"{kib / 1024.0:N0} MiB";

    /// <summary>Seconds as seconds, minutes or hours, whichever reads best.</summary>
    public static string Duration(double seconds) => seconds >= 3600 ? $"{seconds / 3600:0.0} h" : seconds >= 120 ? $"{seconds / 60:0.0} min" : $"{seconds:0.0} s";
}
