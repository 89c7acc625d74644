using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using Clickcast.Storage;

namespace Clickcast.Events;

/// <summary>
/// Where one events file lives: <c>events/{period}/{name}.parquet</c> for a tenant with one shard, and
/// <c>events/{period}/shard={s}of{n}/{name}.parquet</c> with <c>n</c> shards (<c>s</c> zero-padded to the width of
/// <c>n</c>: <c>shard=07of16</c>, <c>shard=0007of1024</c>). The shard count is part of the folder so that two layouts
/// never share a key: a re-shard writes the new layout beside the old one, and readers that ask for the tenant's
/// current count see exactly one of them. The one place event keys are built and parsed.
/// </summary>
/// <param name="Period">The time partition: <c>date=2026-11-26</c>, <c>hour=2026-11-26T13</c> or <c>month=2026-11</c>.</param>
/// <param name="Shard">The client-hash shard, 0 to <paramref name="Shards"/> - 1.</param>
/// <param name="Shards">The tenant's shard count when the file was written (1: the unsharded layout).</param>
/// <param name="Name">The file name without <c>.parquet</c>: the ingest's source id with its part, or a compaction's id.</param>
public readonly partial record struct EventFileKey(string Period, int Shard, int Shards, string Name)
{
    private const string Extension = ".parquet";

    /// <summary>Builds a key, checking every part.</summary>
    public static EventFileKey Create(string period, int shard, int shards, string name)
    {
        if (!PeriodPattern().IsMatch(period ?? throw new ArgumentNullException(nameof(period))))
        {
            throw new ArgumentException($"'{period}' is not an events period (date=YYYY-MM-DD, hour=YYYY-MM-DDTHH or month=YYYY-MM)", nameof(period));
        }

        if (!ClientShard.IsValidCount(shards))
        {
            throw new ArgumentOutOfRangeException(nameof(shards), shards, $"a shard count is a power of two from 1 to {ClientShard.MaxShards}");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, shards);
        if (!NamePattern().IsMatch(name ?? throw new ArgumentNullException(nameof(name))))
        {
            throw new ArgumentException($"'{name}' is not an events file name (1-64 of a-z, 0-9, '-')", nameof(name));
        }

        return new EventFileKey(period, shard, shards, name);
    }

    /// <summary>The object key under <paramref name="tenant"/>'s <c>events/</c>.</summary>
    public string ToKey(string tenant) => ShardPrefix(tenant, Period, Shard, Shards) + Name + Extension;

    /// <summary>The folder of one shard of one period, ending in '/': with one shard, the period's folder itself.</summary>
    public static string ShardPrefix(string tenant, string period, int shard, int shards) =>
        PeriodPrefix(tenant, period) + (shards == 1 ? string.Empty : ShardFolder(shard, shards) + "/");

    /// <summary>The folder of one period, ending in '/'.</summary>
    public static string PeriodPrefix(string tenant, string period) => TenantLayout.Events(tenant) + period + "/";

    /// <summary>The shard folder name: <c>shard=07of16</c>.</summary>
    public static string ShardFolder(int shard, int shards)
    {
        var width = shards.ToString(CultureInfo.InvariantCulture).Length;
        return string.Create(CultureInfo.InvariantCulture, $"shard={shard.ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)}of{shards}");
    }

    /// <summary>Parses an events object key of <paramref name="tenant"/>; false for anything else under <c>events/</c> (or elsewhere).</summary>
    public static bool TryParse(string tenant, string key, [NotNullWhen(true)] out EventFileKey? result)
    {
        result = null;
        var root = TenantLayout.Events(tenant);
        if (key is null || !key.StartsWith(root, StringComparison.Ordinal))
        {
            return false;
        }

        var match = KeyPattern().Match(key, root.Length);
        if (!match.Success || match.Index != root.Length)
        {
            return false;
        }

        var (shard, shards) = (0, 1);
        if (match.Groups["shard"].Success)
        {
            var digits = match.Groups["shard"].Value;
            shard = int.Parse(digits, CultureInfo.InvariantCulture);
            shards = int.Parse(match.Groups["shards"].Value, CultureInfo.InvariantCulture);
            if (shards == 1 || !ClientShard.IsValidCount(shards) || shard >= shards || digits.Length != match.Groups["shards"].Length)
            {
                return false;
            }
        }

        result = new EventFileKey(match.Groups["period"].Value, shard, shards, match.Groups["name"].Value);
        return true;
    }

    [GeneratedRegex(@"\A(?:date=\d{4}-\d{2}-\d{2}|hour=\d{4}-\d{2}-\d{2}T\d{2}|month=\d{4}-\d{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"\G(?<period>date=\d{4}-\d{2}-\d{2}|hour=\d{4}-\d{2}-\d{2}T\d{2}|month=\d{4}-\d{2})/(?:shard=(?<shard>\d{1,4})of(?<shards>\d{1,4})/)?(?<name>[a-z0-9][a-z0-9-]{0,63})\.parquet\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
